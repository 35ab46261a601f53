package org.cellpath.localstack;

import java.util.Objects;

/**
 * The database of one service.
 *
 * @param jdbcUrl  its JDBC URL
 * @param username the user
 * @param password the password
 */
public record ServiceDatabase(String jdbcUrl, String username, String password) {

    public ServiceDatabase {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "ServiceDatabase[" + jdbcUrl + ", username=" + username + "]";
    }
}
