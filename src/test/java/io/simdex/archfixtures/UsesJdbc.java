package io.simdex.archfixtures;

import java.sql.Connection;
import java.sql.SQLException;

/** Breaks a rule on purpose: JDBC outside the store. Only {@code ArchitectureRulesTest} looks at it. */
public final class UsesJdbc {

    /** The forbidden dependency. */
    public boolean closed(Connection connection) throws SQLException {
        return connection.isClosed();
    }
}
