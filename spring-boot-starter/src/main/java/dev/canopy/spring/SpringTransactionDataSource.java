package dev.canopy.spring;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The DataSource Canopy is given in a Spring application: Spring's {@link TransactionAwareDataSourceProxy} (inside a
 * {@code @Transactional} method, a connection is the transaction's own, and closing it does not close it), with one
 * addition for Canopy's own {@code db.transaction(...)}: inside a Spring transaction it joins that transaction, as
 * Spring's {@code REQUIRED} propagation does, instead of committing it. Its {@code setAutoCommit}
 * and {@code commit} are ignored, and its {@code rollback} marks the Spring transaction rollback-only, so that the
 * outer commit rolls everything back and says so ({@code UnexpectedRollbackException}). Outside a Spring transaction,
 * connections are the pool's and Canopy's transactions are its own.
 */
final class SpringTransactionDataSource extends TransactionAwareDataSourceProxy {

    SpringTransactionDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        ConnectionHolder holder = springTransaction();
        if (holder == null) {
            return connection;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Joined(connection, holder));
    }

    /** The connection holder of the Spring transaction in progress on this thread for the target, or null. */
    private @Nullable ConnectionHolder springTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Object resource = TransactionSynchronizationManager.getResource(obtainTargetDataSource());
        return resource instanceof ConnectionHolder h && h.isSynchronizedWithTransaction() ? h : null;
    }

    /** A connection of a Spring transaction, whose transaction boundaries belong to Spring. */
    private static final class Joined implements InvocationHandler {
        private final Connection target;
        private final ConnectionHolder holder;

        Joined(Connection target, ConnectionHolder holder) {
            this.target = target;
            this.holder = holder;
        }

        @Override
        public @Nullable Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "setAutoCommit":
                case "commit":
                    return null;
                case "rollback":
                    if (method.getParameterCount() == 0) {
                        holder.setRollbackOnly();
                        return null;
                    }
                    break;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    break;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getTargetException();
            }
        }
    }
}
