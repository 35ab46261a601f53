/**
 * The kinds of refusal a domain can make, with no knowledge of HTTP: a record that does not exist,
 * a state that refuses the change, a caller the rule does not permit, a value that breaks a rule.
 * Each service's own exceptions extend these; only the web layer ({@code
 * org.cellpath.web.ProblemDetailsAdvice}) turns them into problem details. Messages carry ids,
 * states and codes, never patient data, because the web layer shows them to the caller.
 */
@NullMarked
package org.cellpath.domain;

import org.jspecify.annotations.NullMarked;
