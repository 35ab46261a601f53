package org.cellpath.console.signin;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** A person signed in at the identity provider, with the roles and NPI of their access token. */
final class ConsoleOidcUser extends DefaultOidcUser {

  private final ConsoleUser user;

  ConsoleOidcUser(
      Collection<? extends GrantedAuthority> authorities,
      OidcIdToken idToken,
      OidcUserInfo userInfo,
      ConsoleUser user) {
    super(authorities, idToken, userInfo, "sub");
    this.user = user;
  }

  ConsoleUser consoleUser() {
    return user;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConsoleOidcUser that && super.equals(that) && that.user.equals(user);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
