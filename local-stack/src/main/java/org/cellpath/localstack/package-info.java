/**
 * One command for a whole CellPath system on a developer's machine: the embedded broker and
 * database, a mail catcher, and the three services as child processes. {@link
 * org.cellpath.localstack.ServiceLauncher} and {@link org.cellpath.localstack.ServiceProcess} are
 * also used by the end-to-end test.
 */
@NullMarked
package org.cellpath.localstack;

import org.jspecify.annotations.NullMarked;
