/* medaka-cli import-neat, and the genome behind run --seed-genome: what
 * comes into Medaka from other files. */
#define G_LOG_DOMAIN "medaka-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "mdk-cli-common.h"
#include "mdk-neat.h"
#include "mdk-neat-config.h"
#include "mdk-project.h"
#include "mdk-run-state.h"

/* As the studio's "seed a new population from this network": the next
 * generation becomes mutated copies of @genome. */
gboolean
mdk_cli_seed_run (MdkRun               *run,
                  const MdkNeatGenome  *genome,
                  GError              **error)
{
  MdkOptimizer *opt = mdk_run_get_optimizer (run);

  if (opt->klass != &mdk_neat_class)
    {
      g_set_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID,
                   _("Only a NEAT run can take a network into its population"));
      return FALSE;
    }
  return mdk_neat_seed_population (opt, genome, error);
}

/* The experiment of @config_path on the task of @options, as a project at
 * generation 0, with the import report in its notes. */
static MdkProject *
import_project (const char                     *config_path,
                const MdkCliExperimentOptions  *options,
                char                          **report,
                GError                        **error)
{
  MdkCliExperimentOptions base_options = *options;
  g_autofree char *text = NULL;
  g_autofree char *name = g_path_get_basename (config_path);
  gsize length = 0;
  g_autoptr(MdkExperiment) base = NULL;
  g_autoptr(MdkExperiment) experiment = NULL;
  g_autoptr(GPtrArray) settings = NULL;
  g_autoptr(MdkRun) run = NULL;
  g_autoptr(JsonNode) state = NULL;
  MdkProject *project;

  if (!g_file_get_contents (config_path, &text, &length, error))
    return NULL;
  /* Parameters given with -p win over the file's. */
  base_options.params = NULL;
  base = mdk_cli_build_experiment (&base_options, "xor", error);
  if (base == NULL)
    return NULL;
  experiment = mdk_neat_config_import (text, length, base, &settings, error);
  if (experiment == NULL)
    {
      g_prefix_error (error, "%s: ", name);
      return NULL;
    }
  if (!mdk_cli_apply_algorithm_params (options, experiment, error))
    return NULL;
  run = mdk_run_new (experiment, error);
  if (run == NULL)
    return NULL;
  state = mdk_run_state_save (run);
  *report = mdk_neat_config_report (name, experiment->task_class->id, settings);
  project = mdk_project_new ();
  mdk_project_set_state (project, state);
  mdk_project_set_notes (project, *report);
  return project;
}

int
mdk_cli_import_neat (int    argc,
                     char **argv)
{
  MdkCliExperimentOptions exp_options = { 0 };
  g_autofree char *out = NULL;
  g_autofree char *report = NULL;
  gboolean overwrite = FALSE;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Write the new project to this file"), N_("PROJECT.medaka") },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite,
      N_("Replace the project file if it exists"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("CONFIG.ini"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  int status;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Make a project from a neat-python configuration file: the settings "
                                           "Medaka supports become NEAT parameters, the others are listed. The "
                                           "task is XOR unless --task says otherwise; go on with "
                                           "“medaka-cli run PROJECT.medaka”."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, mdk_cli_experiment_option_group (&exp_options));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = mdk_cli_usage_error ("%s", error->message);
  else if (argc != 2)
    status = mdk_cli_usage_error (_("Give one neat-python configuration file"));
  else if (out == NULL)
    status = mdk_cli_usage_error (_("Say where to write the project with --out PROJECT.medaka"));
  else if (!overwrite && g_file_test (out, G_FILE_TEST_EXISTS))
    status = mdk_cli_usage_error (_("“%s” already exists; use --overwrite to replace it or choose another file"), out);
  else if ((project = import_project (argv[1], &exp_options, &report, &error)) == NULL)
    status = mdk_cli_usage_error ("%s", error->message);
  else
    {
      file = g_file_new_for_commandline_arg (out);
      status = 0;
      if (!mdk_project_save (project, file, &error))
        {
          fprintf (stderr, "medaka-cli: %s\n", error->message);
          status = 1;
        }
      else
        printf ("%s", report);
    }
  mdk_cli_experiment_options_clear (&exp_options);
  return status;
}
