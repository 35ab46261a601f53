/**
 * The reviewing clinicians' worklist of 12-week tasks (docs/console.md, "12-week tasks"): each
 * task's findings in sentences, baseline against 12-week scores, and the form recording what was
 * done, asked first.
 */
package org.cellpath.console.tasks;
