package ai.dyad.gateway.host.logging;

import ai.dyad.gateway.host.config.OperationsConfig;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.Console;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Points Logback's root logger at the configured format and destinations: the console (standard error),
 * plus a rolling file when {@code LOG_FILE} is set. The library loggers' levels from {@code logback.xml}
 * stay as they are.
 */
public final class LoggingSetup {

    private static final String DEV_PATTERN =
            "%d{HH:mm:ss.SSS} %-5level %logger{24}%replace( [%X{request_id}]){' \\[\\]', ''} - %msg%n";
    private static final String DEV_COLOUR_PATTERN = "%d{HH:mm:ss.SSS} %highlight(%-5level) %cyan(%logger{24})"
            + "%replace( [%X{request_id}]){' \\[\\]', ''} - %msg%n";

    private LoggingSetup() {}

    /** Applies the settings to the process's logging; call once, first thing at start. */
    public static void apply(OperationsConfig.Logging settings, String level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level));
        // JDK 25 logs every process start at debug with its full command line, and adapters' commands can
        // carry credentials in their arguments: never below info, whatever LOG_LEVEL says.
        context.getLogger("java.lang.ProcessBuilder").setLevel(Level.INFO);
        root.detachAndStopAllAppenders();
        root.addAppender(console(context, settings.format()));
        settings.file().ifPresent(file -> root.addAppender(file(context, settings.format(), file)));
    }

    private static Appender<ILoggingEvent> console(LoggerContext context, OperationsConfig.LogFormat format) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder(context, format, isTerminal()));
        console.start();
        return console;
    }

    private static Appender<ILoggingEvent> file(LoggerContext context, OperationsConfig.LogFormat format, Path file) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(file.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i.gz");
        policy.setMaxFileSize(FileSize.valueOf("50MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("1GB"));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder(context, format, false));
        appender.start();
        return appender;
    }

    private static Encoder<ILoggingEvent> encoder(
            LoggerContext context, OperationsConfig.LogFormat format, boolean colour) {
        if (format == OperationsConfig.LogFormat.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithFormattedMessage(true);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithContext(false);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.start();
            return json;
        }
        PatternLayoutEncoder pattern = new PatternLayoutEncoder();
        pattern.setContext(context);
        pattern.setPattern(colour ? DEV_COLOUR_PATTERN : DEV_PATTERN);
        pattern.start();
        return pattern;
    }

    /** Whether standard error is a terminal (colours only then); {@code Console.isTerminal} is JDK 22+. */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22 a console exists only for a terminal
        }
    }
}
