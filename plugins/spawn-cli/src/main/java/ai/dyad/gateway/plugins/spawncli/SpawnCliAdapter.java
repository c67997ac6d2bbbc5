package ai.dyad.gateway.plugins.spawncli;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.FinishReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Runs the configured command once per request: the prompt goes to stdin, stdout comes back as chunks. */
final class SpawnCliAdapter implements ModelAdapter {

    private final CommandSpec command;

    SpawnCliAdapter(CommandSpec command) {
        this.command = command;
    }

    @Override
    public void chat(ChatRequest request, CallContext call, ChatSink sink) {
        Process process = start();
        sink.onCancel(() -> process.descendants().forEach(ProcessHandle::destroyForcibly));
        sink.onCancel(process::destroyForcibly);
        StderrTail stderr = StderrTail.collect(process.getErrorStream());
        writePrompt(process, PromptRenderer.render(request.messages()));
        relayStdout(process.getInputStream(), sink);
        int exit = waitFor(process);
        if (sink.isCancelled()) {
            return;
        }
        if (exit != 0) {
            throw new AdapterException(
                    ErrorKind.UPSTREAM_ERROR,
                    "command '" + command.command() + "' exited with status " + exit + stderr.describe());
        }
        sink.complete(FinishReason.STOP, null);
    }

    private Process start() {
        try {
            return command.processBuilder().start();
        } catch (IOException e) {
            throw new AdapterException(
                    ErrorKind.UNAVAILABLE,
                    "command '" + command.command() + "' could not be started: " + e.getMessage(),
                    e);
        }
    }

    private static void writePrompt(Process process, String prompt) {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(prompt.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The program may exit without reading its input; its exit status tells what happened.
        }
    }

    /** Emits stdout as it arrives, decoding UTF-8 across read boundaries. */
    private static void relayStdout(InputStream stdout, ChatSink sink) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer bytes = ByteBuffer.allocate(8192);
        CharBuffer chars = CharBuffer.allocate(8192);
        try (stdout) {
            int read;
            while ((read = stdout.read(bytes.array(), bytes.position(), bytes.remaining())) != -1) {
                bytes.position(bytes.position() + read).flip();
                decoder.decode(bytes, chars, false);
                bytes.compact();
                if (!emit(chars, sink)) {
                    return;
                }
            }
            bytes.flip();
            decoder.decode(bytes, chars, true);
            decoder.flush(chars);
            emit(chars, sink);
        } catch (IOException e) {
            if (!sink.isCancelled()) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean emit(CharBuffer chars, ChatSink sink) {
        chars.flip();
        String text = chars.toString();
        chars.clear();
        return text.isEmpty() || sink.emit(ChatChunk.text(text));
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AdapterException(ErrorKind.TIMEOUT, "the command was interrupted", e);
        }
    }
}
