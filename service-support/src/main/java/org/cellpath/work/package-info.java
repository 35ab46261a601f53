/** Background work every service needs: a worker thread that runs rounds when woken or when its interval passes. */
package org.cellpath.work;
