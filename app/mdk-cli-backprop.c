/* medaka-cli backprop: more gradient steps for a project's champion. */
#define G_LOG_DOMAIN "medaka-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mdk-cli-common.h"
#include "mdk-json.h"
#include "mdk-neat.h"
#include "mdk-neat-backprop.h"
#include "mdk-project.h"
#include "mdk-run-state.h"

static char *
format_metric (double value)
{
  return isfinite (value) ? g_strdup_printf ("%.4g", value) : g_strdup ("–");
}

static void
print_metrics (const char          *when,
               const MdkNeatGenome *genome,
               const MdkTask       *task,
               double               loss)
{
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autofree char *train = NULL, *test = NULL;
  MdkEvalResult result;
  MdkRng rng;

  mdk_neat_genome_decode (genome, net);
  mdk_rng_init (&rng, 0);
  mdk_task_evaluate (task, net, &rng, &result);
  train = format_metric (result.train_metric);
  test = format_metric (result.test_metric);
  /* TRANSLATORS: "Before" or "After" (backprop), then the figures; the
   * metrics (e.g. accuracy) are numbers, or "–" when the task has none */
  printf (_("%s: training loss %.6g, training metric %s, test metric %s\n"),
          when, loss, train, test);
}

int
mdk_cli_backprop (int    argc,
                  char **argv)
{
  g_autofree char *output = NULL;
  g_auto(GStrv) params = NULL;
  gboolean overwrite = FALSE, bookmark = FALSE;
  int steps = 1000;
  gint64 seed = -1;
  const GOptionEntry entries[] = {
    { "steps", 'n', 0, G_OPTION_ARG_INT, &steps, N_("Gradient steps (default: 1000)"), N_("N") },
    { "param", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &params,
      N_("Change a learning setting of the run (backprop_learning_rate, backprop_batch_size, backprop_method, backprop_l2); may be repeated"),
      N_("KEY=VALUE") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the minibatches (default: the run's seed)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the trained genome to this JSON file"), N_("FILE") },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite, N_("Replace the output file if it exists"), NULL },
    { "bookmark", 'b', 0, G_OPTION_ARG_NONE, &bookmark,
      N_("Add the trained genome to the project's bookmarks and save the project"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MdkProject) project = NULL;
  g_autoptr(MdkRun) run = NULL;
  g_autoptr(MdkNeatGenome) genome = NULL;
  MdkNeatParams learning;
  MdkOptimizer *opt;
  double before, after;
  MdkRng rng;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Backprop more: train the champion of the run saved in PROJECT by "
                                  "gradient descent on its task's training data, with the run's learning "
                                  "settings, and print the loss and the task's metrics before and after."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mdk_cli_usage_error ("%s", error->message);
  if (argc != 2)
    return mdk_cli_usage_error (argc < 2 ? _("backprop needs a project file")
                                         : _("Unexpected argument “%s”"), argv[argc - 1]);
  if (steps < 1 || steps > 10000000)
    return mdk_cli_usage_error (_("%s must be from %d to %d, not %d"), "--steps", 1, 10000000, steps);
  if (output != NULL && !overwrite && g_file_test (output, G_FILE_TEST_EXISTS))
    return mdk_cli_usage_error (_("“%s” already exists; use --overwrite to replace it or choose another file"), output);

  file = g_file_new_for_commandline_arg (argv[1]);
  project = mdk_project_load (file, &error);
  if (project == NULL || mdk_project_get_state (project) == NULL)
    return mdk_cli_usage_error (_("Cannot read a run from “%s”: %s"), argv[1],
                                error ? error->message : _("the project holds no run"));
  run = mdk_run_state_load (mdk_project_get_state (project), &error);
  if (run == NULL)
    return mdk_cli_usage_error (_("Cannot read a run from “%s”: %s"), argv[1], error->message);
  opt = mdk_run_get_optimizer (run);
  if (opt->klass != &mdk_neat_class)
    return mdk_cli_usage_error (_("Backprop trains NEAT genomes; the run in “%s” uses %s"),
                                argv[1], opt->klass->id);
  if (mdk_run_get_champion (run, NULL, NULL) == NULL)
    return mdk_cli_usage_error (_("The run in “%s” has no champion yet: run at least one generation"),
                                argv[1]);

  learning = *mdk_neat_get_params (opt);
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    {
      const char *eq = strchr (params[i], '=');
      g_autofree char *key = eq ? g_strndup (params[i], eq - params[i]) : NULL;
      const MdkParamSpec *spec = key ? mdk_param_table_lookup (mdk_neat_param_table, mdk_neat_n_params, key) : NULL;

      if (spec == NULL || !g_str_has_prefix (key, "backprop_"))
        return mdk_cli_usage_error (_("“%s” is not a learning setting of the form KEY=VALUE "
                                      "(backprop_learning_rate, backprop_batch_size, backprop_method or backprop_l2)"),
                                    params[i]);
      if (!mdk_param_set_from_string (spec, &learning, eq + 1, &error))
        return mdk_cli_usage_error ("%s", error->message);
    }

  genome = mdk_neat_genome_copy (mdk_run_get_champion (run, NULL, NULL));
  mdk_rng_init (&rng, seed >= 0 ? (guint64) seed : mdk_run_get_experiment (run)->seed);
  if (!mdk_neat_backprop_genome (genome, mdk_run_get_task (run), &learning, steps, &rng,
                                 &before, &after, &error))
    return mdk_cli_usage_error ("%s", error->message);

  print_metrics (C_("backprop", "Before"), mdk_run_get_champion (run, NULL, NULL), mdk_run_get_task (run), before);
  print_metrics (C_("backprop", "After"), genome, mdk_run_get_task (run), after);

  if (output != NULL)
    {
      g_autoptr(JsonNode) node = mdk_neat_genome_to_json (genome, (const char * const *) mdk_run_get_task (run)->input_names,
                                                          (const char * const *) mdk_run_get_task (run)->output_names);
      g_autofree char *text = mdk_json_node_to_data (node);

      if (!g_file_set_contents (output, text, -1, &error))
        {
          fprintf (stderr, "medaka-cli: %s\n", error->message);
          return 1;
        }
    }
  if (bookmark)
    {
      g_autoptr(JsonNode) node = mdk_neat_genome_to_json (genome, NULL, NULL);
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Champion after %d backprop step",
                                                             "Champion after %d backprop steps", steps),
                                                steps);

      mdk_project_add_bookmark (project, label, node);
      if (!mdk_project_save (project, file, &error))
        {
          fprintf (stderr, "medaka-cli: %s\n", error->message);
          return 1;
        }
    }
  return 0;
}
