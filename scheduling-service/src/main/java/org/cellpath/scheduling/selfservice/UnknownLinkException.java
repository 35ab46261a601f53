package org.cellpath.scheduling.selfservice;

/**
 * A link that was signed here but opens nothing any more: its pair is gone, or belongs to another
 * referral than the one signed with it. Answered exactly as a forged link, so that no answer tells
 * one from the other.
 */
public class UnknownLinkException extends RuntimeException {

  UnknownLinkException() {
    super("The link is not one this clinic signed");
  }
}
