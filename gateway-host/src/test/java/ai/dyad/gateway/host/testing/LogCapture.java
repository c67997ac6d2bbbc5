package ai.dyad.gateway.host.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Everything logged, at every level down to DEBUG, while it is open: for scans of what log lines reveal. */
public final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level previousLevel = root.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
    }

    /** Each captured event as text: the formatted message and any stack trace. */
    public List<String> lines() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while adding
            return appender.list.stream()
                    .map(event -> event.getLoggerName() + " " + event.getFormattedMessage()
                            + (event.getThrowableProxy() == null
                                    ? ""
                                    : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())))
                    .toList();
        }
    }

    @Override
    public void close() {
        root.setLevel(previousLevel);
        root.detachAppender(appender);
        appender.stop();
    }
}
