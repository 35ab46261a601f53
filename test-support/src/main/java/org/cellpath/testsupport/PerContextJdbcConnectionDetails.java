package org.cellpath.testsupport;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.core.env.Environment;

/**
 * JDBC connection details of a shared server, pointed at the database of one application context.
 *
 * @param delegate the server's connection details (driver, XA data source)
 * @param jdbcUrl the context's own database
 * @param username the user for it
 * @param password that user's password
 */
record PerContextJdbcConnectionDetails(
    JdbcConnectionDetails delegate, String jdbcUrl, String username, String password)
    implements JdbcConnectionDetails {

  /**
   * Wraps {@code details} so that it connects to {@code spring.datasource.url} (with {@code
   * spring.datasource.username/password}) when the environment sets one; returns {@code details}
   * unchanged otherwise.
   */
  static JdbcConnectionDetails redirect(JdbcConnectionDetails details, Environment environment) {
    String url = environment.getProperty(IntegrationTestInitializer.DATASOURCE_URL);
    if (url == null || url.equals(details.getJdbcUrl())) {
      return details;
    }
    return new PerContextJdbcConnectionDetails(
        details,
        url,
        environment.getProperty(
            IntegrationTestInitializer.DATASOURCE_USERNAME, details.getUsername()),
        environment.getProperty(
            IntegrationTestInitializer.DATASOURCE_PASSWORD, details.getPassword()));
  }

  @Override
  public String getJdbcUrl() {
    return jdbcUrl;
  }

  @Override
  public String getUsername() {
    return username;
  }

  @Override
  public String getPassword() {
    return password;
  }

  @Override
  public String getDriverClassName() {
    return delegate.getDriverClassName();
  }

  @Override
  public String getXaDataSourceClassName() {
    return delegate.getXaDataSourceClassName();
  }

  /** Keeps the password out of logs and failure reports. */
  @Override
  public String toString() {
    return "PerContextJdbcConnectionDetails[" + jdbcUrl + ", username=" + username + "]";
  }
}
