package org.cellpath.testsupport;

/** Rewrites PostgreSQL JDBC URLs. */
final class JdbcUrls {

  private static final String SCHEME = "jdbc:postgresql://";

  private JdbcUrls() {}

  /**
   * Returns the URL of another database on the same server, keeping hosts, ports and parameters.
   *
   * @param serverUrl a URL such as {@code jdbc:postgresql://db:5432/postgres?sslmode=disable}
   * @param database the database to point at
   * @return for example {@code jdbc:postgresql://db:5432/referral_ab12cd34?sslmode=disable}
   * @throws IllegalArgumentException if {@code serverUrl} is not a {@code jdbc:postgresql://} URL
   */
  static String withDatabase(String serverUrl, String database) {
    if (serverUrl == null || !serverUrl.startsWith(SCHEME)) {
      throw new IllegalArgumentException("Not a jdbc:postgresql:// URL: " + serverUrl);
    }
    String rest = serverUrl.substring(SCHEME.length());
    int queryStart = rest.indexOf('?');
    String query = queryStart < 0 ? "" : rest.substring(queryStart);
    String authorityAndPath = queryStart < 0 ? rest : rest.substring(0, queryStart);
    int pathStart = authorityAndPath.indexOf('/');
    String hosts = pathStart < 0 ? authorityAndPath : authorityAndPath.substring(0, pathStart);
    return SCHEME + hosts + "/" + database + query;
  }

  /**
   * Returns the URL without database and parameters, for messages: parameters may carry a password.
   *
   * @param url a {@code jdbc:postgresql://} URL
   * @return for example {@code jdbc:postgresql://db:5432}
   */
  static String server(String url) {
    String withoutParameters = withDatabase(url, "");
    int query = withoutParameters.indexOf('?');
    String base = query < 0 ? withoutParameters : withoutParameters.substring(0, query);
    return base.substring(0, base.length() - 1);
  }
}
