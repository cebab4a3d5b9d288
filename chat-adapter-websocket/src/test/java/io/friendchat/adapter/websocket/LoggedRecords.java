package io.friendchat.adapter.websocket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What one class of the adapter logs while a test runs (java.util.logging, as the adapter logs). */
final class LoggedRecords extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LoggedRecords(Logger logger) {
        this.logger = logger;
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    static LoggedRecords of(Class<?> source) {
        return new LoggedRecords(Logger.getLogger(source.getName()));
    }

    /** Each record as "LEVEL message". */
    List<String> lines() {
        return records.stream().map(record -> record.getLevel() + " " + record.getMessage()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.INFO.intValue()) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
