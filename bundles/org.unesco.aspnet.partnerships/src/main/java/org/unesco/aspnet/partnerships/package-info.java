/**
 * Partnerships between member schools of different countries: one school proposes, the other
 * accepts or declines; the proposer may withdraw a proposal, either school (or HQ) may end an
 * accepted partnership. Every service operation takes the acting {@link
 * org.unesco.aspnet.core.Principal} first.
 */
@Version("1.0.0")
@Export
package org.unesco.aspnet.partnerships;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
