package org.cellpath.console.signin;

/**
 * The development sign-in page's fields: the role to act in, a name for the header, a physician's
 * NPI.
 */
public class SignInForm {

  private String role;
  private String name;
  private String npi;

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNpi() {
    return npi;
  }

  public void setNpi(String npi) {
    this.npi = npi;
  }
}
