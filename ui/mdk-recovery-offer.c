#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-recovery-offer.h"

#include <glib/gi18n-lib.h>

#include "mdk-question.h"
#include "mdk-recovery.h"
#include "mdk-run-state.h"

enum { RESPONSE_DISCARD = 1, RESPONSE_RESTORE = 2 };

typedef struct
{
  MdkWindow   *parent;
  GPtrArray   *left;       /* of MdkRecovery, locked */
  guint        next;
  MdkRecovery *current;
  MdkProject  *project;    /* its notes and bookmarks */
  MdkRun      *run;
} Offer;

/* What the worker thread read. */
typedef struct
{
  MdkProject *project;
  MdkRun     *run;
} Loaded;

static void offer_next (Offer *offer);

static void
offer_free (Offer *offer)
{
  g_clear_object (&offer->parent);
  g_ptr_array_unref (offer->left);
  g_clear_pointer (&offer->current, mdk_recovery_unref);
  g_clear_pointer (&offer->project, mdk_project_unref);
  g_clear_pointer (&offer->run, mdk_run_free);
  g_free (offer);
}

static void
loaded_free (gpointer data)
{
  Loaded *loaded = data;

  g_clear_pointer (&loaded->project, mdk_project_unref);
  g_clear_pointer (&loaded->run, mdk_run_free);
  g_free (loaded);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  MdkRecovery *recovery = data;
  g_autoptr(MdkProject) project = NULL;
  GError *error = NULL;
  Loaded *loaded;
  MdkRun *run;

  project = mdk_recovery_load (recovery, &error);
  if (project == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  run = mdk_run_state_load_project (project, &error);
  if (run == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The window takes the run; the project keeps notes and bookmarks. */
  mdk_project_set_state (project, NULL);
  loaded = g_new0 (Loaded, 1);
  loaded->project = g_steal_pointer (&project);
  loaded->run = run;
  g_task_return_pointer (task, loaded, loaded_free);
}

static void
on_broken_closed (GtkDialog *dialog,
                  int        response,
                  Offer     *offer)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  offer_next (offer);
}

static void
on_offer_response (GtkDialog *dialog,
                   int        response,
                   Offer     *offer)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == RESPONSE_RESTORE)
    {
      MdkWindow *window = offer->parent;

      if (!mdk_window_is_pristine (window))
        {
          window = mdk_window_new (gtk_window_get_application (GTK_WINDOW (offer->parent)));
          gtk_window_present (GTK_WINDOW (window));
        }
      mdk_window_restore (window, g_steal_pointer (&offer->run), offer->project, offer->current);
    }
  else if (response == RESPONSE_DISCARD)
    mdk_recovery_remove (offer->current);
  /* Closed without an answer: the copy stays for the next start. */
  g_clear_pointer (&offer->current, mdk_recovery_unref);
  g_clear_pointer (&offer->project, mdk_project_unref);
  g_clear_pointer (&offer->run, mdk_run_free);
  offer_next (offer);
}

static void
show_offer (Offer *offer)
{
  GFile *original = mdk_recovery_get_original (offer->current);
  const char *title = mdk_recovery_get_title (offer->current);
  const MdkExperiment *e = mdk_run_get_experiment (offer->run);
  GDateTime *saved = mdk_project_get_saved (offer->project);
  g_autoptr(GDateTime) local = saved != NULL ? g_date_time_to_local (saved) : NULL;
  /* TRANSLATORS: the date and time a recovery copy was saved, as for
   * g_date_time_format (), in your language's usual order */
  g_autofree char *when = local != NULL ? g_date_time_format (local, _("%Y-%m-%d %H:%M")) : g_strdup ("?");
  g_autofree char *detail = NULL;

  if (original != NULL || title != NULL)
    {
      g_autofree char *name = original != NULL ? g_file_get_basename (original) : g_strdup (title);
      /* TRANSLATORS: %1$s is a project's file name, %2$s the task, %3$u the
       * generation, %4$s a date and time */
      detail = g_strdup_printf (_("Medaka closed unexpectedly. The run of “%1$s” (%2$s) had reached generation %3$u; its recovery copy was saved on %4$s."),
                                name, _(e->task_class->label), mdk_run_get_generation (offer->run), when);
    }
  else
    /* TRANSLATORS: %1$s is the task, %2$u the generation, %3$s a date and time */
    detail = g_strdup_printf (_("Medaka closed unexpectedly. An untitled run (%1$s) had reached generation %2$u; its recovery copy was saved on %3$s."),
                              _(e->task_class->label), mdk_run_get_generation (offer->run), when);

  mdk_question_show (GTK_WINDOW (offer->parent), _("Restore unsaved work?"), detail,
                     RESPONSE_RESTORE, RESPONSE_DISCARD, G_CALLBACK (on_offer_response), offer,
                     _("_Discard"), RESPONSE_DISCARD, _("_Restore"), RESPONSE_RESTORE, NULL);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Offer *offer = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *broken = NULL;
  g_autofree char *detail = NULL;
  GtkWidget *dialog;

  if (loaded != NULL)
    {
      offer->project = g_steal_pointer (&loaded->project);
      offer->run = g_steal_pointer (&loaded->run);
      loaded_free (loaded);
      show_offer (offer);
      return;
    }
  /* Kept aside, never in the way of the next start. */
  broken = mdk_recovery_set_aside (offer->current);
  /* TRANSLATORS: %1$s says what is wrong with the file, %2$s is where it
   * was kept */
  detail = g_strdup_printf (_("%1$s\n\nThe file was kept as “%2$s”."), error->message, broken);
  dialog = gtk_message_dialog_new (GTK_WINDOW (offer->parent), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s",
                                   _("A recovery copy of an earlier run could not be read"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
  g_signal_connect (dialog, "response", G_CALLBACK (on_broken_closed), offer);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
offer_next (Offer *offer)
{
  g_autoptr(GTask) task = NULL;

  if (offer->next >= offer->left->len)
    {
      offer_free (offer);
      return;
    }
  offer->current = mdk_recovery_ref (offer->left->pdata[offer->next++]);
  task = g_task_new (NULL, NULL, on_loaded, offer);
  g_task_set_task_data (task, mdk_recovery_ref (offer->current), (GDestroyNotify) mdk_recovery_unref);
  g_task_run_in_thread (task, load_thread);
}

void
mdk_recovery_offer (MdkWindow *parent)
{
  Offer *offer;

  g_return_if_fail (MDK_IS_WINDOW (parent));
  offer = g_new0 (Offer, 1);
  offer->parent = g_object_ref (parent);
  offer->left = mdk_recovery_find_left ();
  offer_next (offer);
}
