/* mdk-recovery-offer.h: at startup, offer to restore what a crash left */
#pragma once

#include "mdk-window.h"

G_BEGIN_DECLS

/* Looks for recovery copies left by a crash and offers each in turn over
 * @parent: what it is, from when, the generation it reached; Restore opens
 * it in a window (@parent itself while that holds nothing), Discard
 * deletes it.  A copy that cannot be read is set aside as *.broken and a
 * dialog says so.  The copies are read in a worker thread. */
void mdk_recovery_offer (MdkWindow *parent);

G_END_DECLS
