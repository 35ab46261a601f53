package org.cellpath.referral.surveys;

/**
 * A link signed here that opens no survey: its survey is gone or belongs to another referral than
 * the one signed with it. Answered exactly as a forged link, so that no answer tells them apart.
 */
public class UnknownLinkException extends RuntimeException {

  UnknownLinkException() {
    super("The link is not one this clinic signed");
  }
}
