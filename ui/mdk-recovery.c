#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-recovery.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define INFO_GROUP "Recovery"

struct _MdkRecovery
{
  gatomicrefcount  ref_count;
  GMutex           lock;          /* the fields below, and the files */
  char            *project_path;  /* DIR/ID.medaka */
  char            *info_path;     /* DIR/ID.info */
  char            *lock_path;     /* DIR/ID.lock */
  int              lock_fd;       /* -1 while the lock is not held */
  guint            epoch;
  GFile           *original;
  char            *title;
};

char *
mdk_recovery_get_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "medaka", "recovery", NULL);
}

static MdkRecovery *
recovery_new_for_id (const char *id)
{
  MdkRecovery *self = g_new0 (MdkRecovery, 1);
  g_autofree char *dir = mdk_recovery_get_dir ();
  g_autofree char *project = g_strconcat (id, ".medaka", NULL);
  g_autofree char *info = g_strconcat (id, ".info", NULL);
  g_autofree char *lock = g_strconcat (id, ".lock", NULL);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->project_path = g_build_filename (dir, project, NULL);
  self->info_path = g_build_filename (dir, info, NULL);
  self->lock_path = g_build_filename (dir, lock, NULL);
  self->lock_fd = -1;
  return self;
}

MdkRecovery *
mdk_recovery_new (void)
{
  g_autofree char *id = g_uuid_string_random ();

  return recovery_new_for_id (id);
}

MdkRecovery *
mdk_recovery_ref (MdkRecovery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mdk_recovery_unref (MdkRecovery *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_mutex_clear (&self->lock);
  g_free (self->project_path);
  g_free (self->info_path);
  g_free (self->lock_path);
  g_clear_object (&self->original);
  g_free (self->title);
  g_free (self);
}

const char *
mdk_recovery_get_path (MdkRecovery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->project_path;
}

GFile *
mdk_recovery_get_original (MdkRecovery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->original;
}

const char *
mdk_recovery_get_title (MdkRecovery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

guint
mdk_recovery_get_epoch (MdkRecovery *self)
{
  guint epoch;

  g_return_val_if_fail (self != NULL, 0);
  g_mutex_lock (&self->lock);
  epoch = self->epoch;
  g_mutex_unlock (&self->lock);
  return epoch;
}

/* With the mutex held.  FALSE when another process holds the lock. */
static gboolean
take_lock (MdkRecovery  *self,
           GError      **error)
{
  int fd;

  if (self->lock_fd >= 0)
    return TRUE;
  fd = g_open (self->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create “%s”: %s"), self->lock_path, g_strerror (saved_errno));
      return FALSE;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;
      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not lock “%s”: %s"), self->lock_path, g_strerror (saved_errno));
      return FALSE;
    }
  self->lock_fd = fd;
  return TRUE;
}

gboolean
mdk_recovery_write (MdkRecovery  *self,
                    guint         epoch,
                    MdkProject   *project,
                    GFile        *original,
                    const char   *title,
                    GError      **error)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *dir = mdk_recovery_get_dir ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *data = NULL;
  JsonNode *state;
  gboolean ok = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (project != NULL, FALSE);

  g_mutex_lock (&self->lock);
  if (epoch != self->epoch)
    {
      /* Removed since this copy was taken: it is not wanted any more. */
      ok = TRUE;
      goto out;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      goto out;
    }
  if (!take_lock (self, error))
    goto out;
  file = g_file_new_for_path (self->project_path);
  if (!mdk_project_save (project, file, error))
    goto out;

  if (original != NULL)
    {
      g_autofree char *uri = g_file_get_uri (original);
      g_key_file_set_string (info, INFO_GROUP, "Project", uri);
    }
  else if (title != NULL)
    g_key_file_set_string (info, INFO_GROUP, "Title", title);
  g_key_file_set_string (info, INFO_GROUP, "Saved", stamp);
  state = mdk_project_get_state (project);
  if (state != NULL)
    g_key_file_set_int64 (info, INFO_GROUP, "Generation",
                          json_object_get_int_member_with_default (json_node_get_object (state),
                                                                   "generation", 0));
  data = g_key_file_to_data (info, NULL, NULL);
  if (!g_file_set_contents (self->info_path, data, -1, error))
    goto out;
  ok = TRUE;
out:
  g_mutex_unlock (&self->lock);
  return ok;
}

void
mdk_recovery_remove (MdkRecovery *self)
{
  g_autofree char *backup = NULL;

  g_return_if_fail (self != NULL);
  g_mutex_lock (&self->lock);
  self->epoch++;
  if (self->lock_fd >= 0)
    {
      /* An interrupted save leaves "NAME~" (see mdk-project.h). */
      backup = g_strconcat (self->project_path, "~", NULL);
      g_unlink (self->project_path);
      g_unlink (backup);
      g_unlink (self->info_path);
      /* The lock file last, so nobody takes the copy for a leftover. */
      g_unlink (self->lock_path);
      close (self->lock_fd);
      self->lock_fd = -1;
    }
  g_mutex_unlock (&self->lock);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  MdkRecovery *ra = *(MdkRecovery **) a;
  MdkRecovery *rb = *(MdkRecovery **) b;

  return g_strcmp0 (ra->project_path, rb->project_path);
}

GPtrArray *
mdk_recovery_find_left (void)
{
  GPtrArray *left = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_recovery_unref);
  g_autofree char *path = mdk_recovery_get_dir ();
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;
      MdkRecovery *r;

      if (!g_str_has_suffix (name, ".medaka"))
        continue;
      id = g_strndup (name, strlen (name) - strlen (".medaka"));
      r = recovery_new_for_id (id);
      g_mutex_lock (&r->lock);
      if (take_lock (r, NULL))
        g_ptr_array_add (left, r);
      else
        {
          /* A live window's, or not ours to touch. */
          g_mutex_unlock (&r->lock);
          mdk_recovery_unref (r);
          continue;
        }
      g_mutex_unlock (&r->lock);
    }
  g_ptr_array_sort (left, compare_paths);
  return left;
}

MdkProject *
mdk_recovery_load (MdkRecovery  *self,
                   GError      **error)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  /* Without a description the copy is still worth having, as an untitled
   * experiment; a damaged one is refused like a damaged project. */
  if (!g_key_file_load_from_file (info, self->info_path, G_KEY_FILE_NONE, &local))
    {
      if (!g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_CORRUPT,
                       _("The description of the recovery copy is damaged: %s"), local->message);
          return NULL;
        }
    }
  else
    {
      uri = g_key_file_get_string (info, INFO_GROUP, "Project", NULL);
      g_mutex_lock (&self->lock);
      g_clear_object (&self->original);
      if (uri != NULL)
        self->original = g_file_new_for_uri (uri);
      g_free (self->title);
      self->title = g_key_file_get_string (info, INFO_GROUP, "Title", NULL);
      g_mutex_unlock (&self->lock);
    }
  file = g_file_new_for_path (self->project_path);
  return mdk_project_load (file, error);
}

char *
mdk_recovery_set_aside (MdkRecovery *self)
{
  g_autofree char *broken_info = NULL;
  char *broken;

  g_return_val_if_fail (self != NULL, NULL);
  broken = g_strconcat (self->project_path, ".broken", NULL);
  broken_info = g_strconcat (self->info_path, ".broken", NULL);
  g_mutex_lock (&self->lock);
  self->epoch++;
  g_rename (self->project_path, broken);
  g_rename (self->info_path, broken_info);
  if (self->lock_fd >= 0)
    {
      g_unlink (self->lock_path);
      close (self->lock_fd);
      self->lock_fd = -1;
    }
  g_mutex_unlock (&self->lock);
  return broken;
}
