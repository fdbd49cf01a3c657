/* mdk-recovery.h: a window's recovery copy of its run
 *
 * While a run goes on, a window writes a copy of it every few minutes to
 * g_get_user_state_dir ()/medaka/recovery/ID.medaka, an ordinary project
 * file, with ID.info beside it: a key file saying which project the copy
 * belongs to (or the title of an untitled experiment, such as an example),
 * when it was written and at which generation.  The copy goes when the project is saved or the window
 * closes; one still there at the next start was left by a crash.
 *
 * The owner of a copy holds a lock (flock) on ID.lock, so a Medaka started
 * meanwhile never takes a live window's copy for a crash's leftover; the
 * lock goes with the process, so a crash leaves it free.
 *
 * Writing may happen in a worker thread while the owner removes the copy
 * in the main thread: each removal starts a new epoch, and a write begun
 * in an older epoch writes nothing.
 */
#pragma once

#include <gio/gio.h>

#include "mdk-project.h"

G_BEGIN_DECLS

typedef struct _MdkRecovery MdkRecovery;

/* The folder of the recovery copies. */
char        *mdk_recovery_get_dir       (void);

/* A new, not yet written copy, with a fresh id. */
MdkRecovery *mdk_recovery_new           (void);
MdkRecovery *mdk_recovery_ref           (MdkRecovery  *self);
/* The last unref releases the lock and leaves the files as they are. */
void         mdk_recovery_unref         (MdkRecovery  *self);

/* The copy's project file (which may not exist yet). */
const char  *mdk_recovery_get_path      (MdkRecovery  *self);
/* The project a copy left by a crash belongs to, or NULL for an untitled
 * experiment, and the title an untitled one had (or NULL); known after
 * mdk_recovery_load (). */
GFile       *mdk_recovery_get_original  (MdkRecovery  *self);
const char  *mdk_recovery_get_title     (MdkRecovery  *self);
guint        mdk_recovery_get_epoch     (MdkRecovery  *self);

/* Any thread: writes @project (atomically) and the description naming
 * @original, or @title for an untitled experiment, unless the copy was
 * removed since @epoch was read. */
gboolean     mdk_recovery_write         (MdkRecovery  *self,
                                         guint         epoch,
                                         MdkProject   *project,
                                         GFile        *original,
                                         const char   *title,
                                         GError      **error);
/* Deletes the files and releases the lock; a later write makes them anew. */
void         mdk_recovery_remove        (MdkRecovery  *self);

/* The copies left by a crash (no live process holds their lock), locked
 * for the caller; an array of MdkRecovery. */
GPtrArray   *mdk_recovery_find_left     (void);
/* Any thread: reads the description and loads the copy. */
MdkProject  *mdk_recovery_load          (MdkRecovery  *self,
                                         GError      **error);
/* Renames the files of a copy that cannot be read to *.broken, out of the
 * way of the next start; returns the project's new name. */
char        *mdk_recovery_set_aside     (MdkRecovery  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkRecovery, mdk_recovery_unref)

G_END_DECLS
