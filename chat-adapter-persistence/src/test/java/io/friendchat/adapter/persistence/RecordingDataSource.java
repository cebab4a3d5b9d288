package io.friendchat.adapter.persistence;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/** A DataSource that records every statement its connections prepare, with the parameters last bound. */
final class RecordingDataSource implements DataSource {

    /** One statement: its SQL and its parameters by index. */
    record Recorded(String sql, Map<Integer, Object> parameters) {
    }

    private final DataSource target;
    private final List<Recorded> statements = new ArrayList<>();

    RecordingDataSource(DataSource target) {
        this.target = target;
    }

    synchronized List<Recorded> statements() {
        return List.copyOf(statements);
    }

    synchronized void clear() {
        statements.clear();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection(target.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return connection(target.getConnection(user, password));
    }

    private Connection connection(Connection real) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            String name = method.getName();
            if (name.equals("prepareStatement") || name.equals("prepareCall")) {
                return statement((PreparedStatement) result, (String) args[0]);
            }
            if (name.equals("createStatement")) {
                record(new Recorded("<plain statement>", Map.of()));
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private PreparedStatement statement(PreparedStatement real, String sql) {
        Recorded recorded = new Recorded(sql, new TreeMap<>());
        record(recorded);
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                synchronized (this) {
                    recorded.parameters().put(index, args[1]);
                }
            }
            return invoke(real, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private synchronized void record(Recorded recorded) {
        statements.add(recorded);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return target.isWrapperFor(type);
    }
}
