/** File-system checks shared by every reader, with messages written for users. */
package org.mlpvision.core.io;
