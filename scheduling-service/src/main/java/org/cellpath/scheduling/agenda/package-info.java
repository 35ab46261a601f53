/**
 * Whom schedulers book: the patient's name, phone and language beside a case, found by name or by
 * the referral's short id, and the booked pairs nobody has confirmed yet. Reads only, straight from
 * the tables of {@code booking} and {@code slots} (no Java type of theirs), and only the contact
 * fields a scheduler needs to call the patient: never the stored contact as a whole (ADR 34).
 */
@NullMarked
package org.cellpath.scheduling.agenda;

import org.jspecify.annotations.NullMarked;
