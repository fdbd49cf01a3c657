/* How long Save holds the studio's UI thread, for a run of POPULATION
 * genomes (default 10000): the snapshot and the rest (serialise, compress,
 * write) measured once directly in the UI thread, as the studio used to
 * save; then the window's own save, with the longest time the main loop
 * went without an iteration until the file was written.  Run under Xvfb:
 *   xvfb-run -a build/tests/bench-save [POPULATION]
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "mdk-application.h"
#include "mdk-project.h"
#include "mdk-window.h"

static gboolean done;

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GError) error = NULL;

  if (!mdk_window_save_project_finish (MDK_WINDOW (source), result, &error))
    g_error ("%s", error->message);
  done = TRUE;
}

/* The longest gap between main-loop iterations until @until or @done. */
static double
longest_stall_ms (gint64 until)
{
  gint64 last = g_get_monotonic_time (), longest = 0;

  while (!done && (until == 0 || last < until))
    {
      gint64 now;

      g_main_context_iteration (NULL, FALSE);
      now = g_get_monotonic_time ();
      longest = MAX (longest, now - last);
      last = now;
      g_usleep (100);
    }
  return longest / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  const char *population = argc > 1 ? argv[1] : "10000";
  g_autofree char *dir = g_dir_make_tmp ("medaka-bench-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MdkProject) project = mdk_project_new ();
  MdkWindow *window;
  MdkSession *session;
  gint64 t0, t1, t2;
  double idle_stall, save_stall, snapshot, write, returned, total;
  guint generation = 0;
  GStatBuf st;

  gtk_init ();
  mdk_resources_register ();
  window = mdk_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  session = mdk_window_get_session (window);
  if (!mdk_session_set_param (session, MDK_PARAM_OWNER_ALGORITHM, "population_size", population, NULL))
    g_error ("bad population size %s", population);
  mdk_session_step (session, NULL);
  while (generation < 1)
    {
      g_main_context_iteration (NULL, TRUE);
      g_object_get (session, "generation", &generation, NULL);
    }
  idle_stall = longest_stall_ms (g_get_monotonic_time () + 3 * G_USEC_PER_SEC);

  /* As the studio used to save: all of it in the UI thread. */
  t0 = g_get_monotonic_time ();
  mdk_project_take_state (project, mdk_session_snapshot (session, NULL));
  t1 = g_get_monotonic_time ();
  if (!mdk_project_save (project, file, NULL))
    g_error ("could not save %s", path);
  t2 = g_get_monotonic_time ();
  snapshot = (t1 - t0) / 1000.0;
  write = (t2 - t1) / 1000.0;

  /* The window's save. */
  t0 = g_get_monotonic_time ();
  mdk_window_save_project_async (window, file, on_saved, NULL);
  returned = (g_get_monotonic_time () - t0) / 1000.0;
  save_stall = longest_stall_ms (0);
  total = (g_get_monotonic_time () - t0) / 1000.0;
  g_stat (path, &st);
  g_print ("population %s, file %.2f MB\n"
           "in the UI thread: snapshot %.0f ms, serialise + compress + write %.0f ms\n"
           "window save: returns after %.0f ms, done after %.0f ms;\n"
           "longest main-loop stall while writing %.0f ms (with no save: %.0f ms)\n",
           population, st.st_size / 1e6, snapshot, write, returned, total, save_stall, idle_stall);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
