package ai.dyad.gateway.host.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The gateway's Jackson mapper, built for a thread per request. */
public final class JsonMappers {

    private JsonMappers() {}

    /**
     * A mapper whose parsers and generators borrow their buffers from one shared, bounded pool. Jackson's
     * default pool is one per thread, kept for the thread's life: with a virtual thread per request, and two
     * for each stream (request and adapter), every open stream kept its own buffers between chunks (measured:
     * some 40 KB a stream). From the shared pool they are held only while a document is read or written; the
     * pool keeps at most as many as were in use at once, up to Jackson's bound.
     */
    public static ObjectMapper create() {
        return new ObjectMapper(JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.sharedBoundedPool())
                .build());
    }
}
