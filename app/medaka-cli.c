/* medaka-cli: the headless runner and benchmarks (links the core only). */
#define G_LOG_DOMAIN "medaka-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "mdk-cli-common.h"
#if MEDAKA_HAVE_MPI
#include "mdk-cli-mpi.h"
#else
typedef struct _MdkCliMpi MdkCliMpi;
#endif
#include "mdk-json.h"
#include "mdk-neat.h"
#include "mdk-project.h"
#include "mdk-run.h"
#include "mdk-run-state.h"

static volatile sig_atomic_t interrupted = 0;

static void
on_interrupt (int signum)
{
  interrupted = 1;
}

static char *
fmt (double v,
     const char *format)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    return g_strdup ("–");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, v));
}

/* ETA from whichever limit comes first. */
static double
estimate_remaining (const MdkRun *run)
{
  const MdkStopParams *stop = &mdk_run_get_experiment (run)->stop;
  double seconds = mdk_run_get_seconds (run);
  guint gen = mdk_run_get_generation (run);
  double evals = mdk_run_get_evaluations (run);
  double eta = INFINITY;

  if (gen == 0 || seconds <= 0)
    return NAN;
  if (stop->max_generations > 0)
    eta = MIN (eta, seconds / gen * (stop->max_generations - gen));
  if (stop->max_evaluations > 0)
    eta = MIN (eta, seconds / evals * (stop->max_evaluations - evals));
  if (stop->time_limit > 0)
    eta = MIN (eta, stop->time_limit - seconds);
  return isfinite (eta) ? MAX (eta, 0.0) : NAN;
}

static void
print_progress (const MdkRun *run,
                gboolean      tty)
{
  GArray *history = mdk_run_get_history (run);
  const MdkGenerationStats *row = &g_array_index (history, MdkGenerationStats, history->len - 1);
  double rate = row->seconds > 0 ? row->evaluations / row->seconds : 0;
  double eta = estimate_remaining (run);
  g_autofree char *best = fmt (row->best, "%.4f");
  g_autofree char *mean = fmt (row->mean, "%.4f");
  g_autofree char *eta_str = isfinite (eta) ? mdk_cli_format_duration (eta) : g_strdup ("–");

  /* TRANSLATORS: the live progress line of medaka-cli run */
  g_autofree char *line = g_strdup_printf (_("gen %u  best %s  mean %s  species %u  %.0f eval/s  ETA %s"),
                                           row->generation, best, mean, row->n_species, rate, eta_str);
  if (tty)
    fprintf (stderr, "\r\033[K%s", line);
  else
    fprintf (stderr, "%s\n", line);
}

static gboolean
write_text (const char  *dir,
            const char  *name,
            const char  *text,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  /* g_file_set_contents writes beside and renames: never a half file. */
  return g_file_set_contents (path, text, -1, error);
}

static char *
summary_to_json (const MdkRun *run,
                 const char   *stop_reason)
{
  const MdkExperiment *e = mdk_run_get_experiment (run);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  MdkEvalResult champ = { 0 };
  gconstpointer champion = mdk_run_get_champion (run, &champ, NULL);
  guint64 solved_evals = 0;
  guint solved_gen = 0;
  gboolean solved = mdk_run_is_solved (run, &solved_evals, &solved_gen);
  double seconds = mdk_run_get_seconds (run);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "medaka-summary");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "medaka_version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_set_member_name (b, "task");
  json_builder_add_string_value (b, e->task_class->id);
  json_builder_set_member_name (b, "task_params");
  json_builder_begin_object (b);
  for (guint i = 0; i < e->task_class->n_params; i++)
    {
      g_autofree char *v = mdk_param_to_string (&e->task_class->params[i], e->task_params);
      json_builder_set_member_name (b, e->task_class->params[i].id);
      json_builder_add_string_value (b, v);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "algorithm");
  json_builder_add_string_value (b, e->optimizer_class->id);
  json_builder_set_member_name (b, "algorithm_params");
  json_builder_begin_object (b);
  for (guint i = 0; i < e->optimizer_class->n_params; i++)
    {
      g_autofree char *v = mdk_param_to_string (&e->optimizer_class->params[i], e->optimizer_params);
      json_builder_set_member_name (b, e->optimizer_class->params[i].id);
      json_builder_add_string_value (b, v);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) e->seed);
  json_builder_set_member_name (b, "threads");
  json_builder_add_int_value (b, e->threads);
  json_builder_set_member_name (b, "generations");
  json_builder_add_int_value (b, mdk_run_get_generation (run));
  json_builder_set_member_name (b, "evaluations");
  json_builder_add_int_value (b, (gint64) mdk_run_get_evaluations (run));
  mdk_json_add_number (b, "seconds", seconds);
  mdk_json_add_number (b, "evaluations_per_second", seconds > 0 ? mdk_run_get_evaluations (run) / seconds : NAN);
  json_builder_set_member_name (b, "stop_reason");
  json_builder_add_string_value (b, stop_reason);
  json_builder_set_member_name (b, "solved");
  json_builder_add_boolean_value (b, solved);
  json_builder_set_member_name (b, "evaluations_to_solve");
  if (solved)
    json_builder_add_int_value (b, (gint64) solved_evals);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "generation_solved");
  if (solved)
    json_builder_add_int_value (b, solved_gen);
  else
    json_builder_add_null_value (b);
  mdk_json_add_number (b, "champion_fitness", champion ? champ.fitness : NAN);
  mdk_json_add_number (b, "champion_train_metric", champion ? champ.train_metric : NAN);
  mdk_json_add_number (b, "champion_test_metric", champion ? champ.test_metric : NAN);
  json_builder_end_object (b);
  return mdk_json_builder_to_data (b);
}

static gboolean
write_outputs (const MdkRun  *run,
               const char    *dir,
               const char    *stop_reason,
               GError       **error)
{
  GArray *history = mdk_run_get_history (run);
  g_autofree char *csv = NULL;
  MdkStatColumns columns;

  mdk_stat_columns_for_experiment (&columns, mdk_run_get_experiment (run));
  csv = mdk_stats_rows_to_csv ((const MdkGenerationStats *) history->data, history->len, &columns);
  g_autofree char *champion = mdk_run_champion_to_json (run);
  g_autofree char *summary = summary_to_json (run, stop_reason);

  return write_text (dir, "history.csv", csv, error) &&
         write_text (dir, "champion.json", champion, error) &&
         write_text (dir, "summary.json", summary, error);
}

static void
print_summary (const MdkRun *run,
               const char   *stop_reason)
{
  MdkEvalResult champ = { 0 };
  gconstpointer champion = mdk_run_get_champion (run, &champ, NULL);
  GArray *history = mdk_run_get_history (run);
  guint64 solved_evals = 0;
  guint solved_gen = 0;
  double seconds = mdk_run_get_seconds (run);
  g_autofree char *best = fmt (champion ? champ.fitness : NAN, "%.6g");

  printf (_("Stopped: %s\n"), _(stop_reason));
  printf (_("Generations: %u, evaluations: %llu, time: %.2f s (%.0f evaluations/s)\n"),
          mdk_run_get_generation (run), (unsigned long long) mdk_run_get_evaluations (run), seconds,
          seconds > 0 ? mdk_run_get_evaluations (run) / seconds : 0.0);
  printf (_("Best fitness: %s\n"), best);
  if (champion != NULL && isfinite (champ.train_metric))
    {
      g_autofree char *train = fmt (champ.train_metric, "%.4f");
      g_autofree char *test = fmt (champ.test_metric, "%.4f");
      printf (_("Champion training metric: %s, test metric: %s\n"), train, test);
    }
  if (history->len > 0)
    {
      const MdkGenerationStats *last = &g_array_index (history, MdkGenerationStats, history->len - 1);
      printf (_("Last generation: %u species, %.2f hidden nodes and %.2f connections on average\n"),
              last->n_species, last->mean_hidden, last->mean_connections);
    }
  if (mdk_run_is_solved (run, &solved_evals, &solved_gen))
    printf (_("Solved in generation %u after %llu evaluations\n"),
            solved_gen, (unsigned long long) solved_evals);
  else
    printf (_("Not solved\n"));
}

static int
run_command (int        argc,
             char     **argv,
             MdkCliMpi *mpi)
{
  MdkCliExperimentOptions exp_options = { 0 };
  g_autofree char *output = NULL;
  g_autofree char *save = NULL;
  g_autofree char *out = NULL;
  g_autofree char *resume = NULL;
  g_autofree char *seed_genome = NULL;
  g_autoptr(MdkNeatGenome) seed = NULL;
  g_autofree char *notes = NULL;
  int steps = 0;
  gboolean overwrite = FALSE, quiet = FALSE;
#if MEDAKA_HAVE_MPI
  gboolean use_mpi = FALSE;
  MdkCliMpiOptions mpi_options = { .timeout = 300 };
#endif
  const GOptionEntry entries[] = {
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &save,
      N_("Save the whole run in this project file when it stops, to resume it later"), N_("FILE") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
      N_("The same as --save: with a PROJECT, save the continued run to this file and leave PROJECT as it is"),
      N_("FILE") },
    { "resume", 0, 0, G_OPTION_ARG_FILENAME, &resume,
      N_("Continue the run saved in this project file (stop conditions given here replace the saved ones; limits count from the start of the run)"),
      N_("FILE") },
    { "seed-genome", 0, 0, G_OPTION_ARG_FILENAME, &seed_genome,
      N_("Start from this network: the population becomes mutated copies of the genome in this JSON file (a genome or a champion.json)"),
      N_("FILE") },
    { "steps", 0, 0, G_OPTION_ARG_INT, &steps,
      N_("Evolve at most N generations now; unlike --generations, this is not saved as a stop condition of the run"),
      N_("N") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes,
      N_("Set the notes of the project written by --save"), N_("TEXT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write history.csv, champion.json and summary.json to this folder"), N_("DIR") },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite,
      N_("Replace the results of an earlier run in the output folder"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
      N_("Print neither progress nor the final summary"), NULL },
#if MEDAKA_HAVE_MPI
    { "mpi", 0, 0, G_OPTION_ARG_NONE, &use_mpi,
      N_("Evaluate over MPI (the default when started by mpirun or srun): rank 0 evolves, every rank evaluates"),
      NULL },
    { "mpi-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &mpi_options.timeout,
      N_("Seconds a worker may take to answer (default 300); a worker that takes longer counts as failed"),
      N_("SECONDS") },
    { "mpi-no-local", 0, 0, G_OPTION_ARG_NONE, &mpi_options.no_local,
      N_("Rank 0 only hands out work and evaluates nothing itself"), NULL },
    { "mpi-fault", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &mpi_options.fault,
      "Tests only: make worker RANK exit or hang when handed generation GENERATION", "RANK:GENERATION:exit|hang" },
#endif
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[PROJECT]"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkExperiment) experiment = NULL;
  g_autoptr(MdkProject) project = NULL;
  g_autoptr(MdkRun) run = NULL;
  const char *stop_reason = NULL;
  gboolean tty = isatty (fileno (stderr));
  gint64 last_print = 0;
  int status = 0;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Evolve networks on a task, headless. Given a PROJECT file, continue "
                                           "the run saved in it and save it back there (or to --out)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, mdk_cli_experiment_option_group (&exp_options));
  g_option_context_set_help_enabled (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      mdk_cli_experiment_options_clear (&exp_options);
      return mdk_cli_usage_error ("%s", error->message);
    }
  if (out != NULL)
    {
      if (save != NULL && g_strcmp0 (save, out) != 0)
        {
          mdk_cli_experiment_options_clear (&exp_options);
          return mdk_cli_usage_error (_("--out and --save name two files: give one"));
        }
      g_free (save);
      save = g_steal_pointer (&out);
    }
  /* "run PROJECT" is short for "--resume PROJECT --save PROJECT". */
  if (argc == 2 && resume == NULL)
    {
      resume = g_strdup (argv[1]);
      if (save == NULL)
        save = g_strdup (argv[1]);
    }
  else if (argc > 1)
    {
      mdk_cli_experiment_options_clear (&exp_options);
      return mdk_cli_usage_error (_("Unexpected argument “%s”"), argv[argc - 1]);
    }

#if MEDAKA_HAVE_MPI
  if (!(mpi_options.timeout > 0))
    {
      mdk_cli_experiment_options_clear (&exp_options);
      return mdk_cli_usage_error (_("--mpi-timeout must be a positive number of seconds"));
    }
#endif
  if (steps < 0)
    {
      mdk_cli_experiment_options_clear (&exp_options);
      return mdk_cli_usage_error (_("--steps must be a positive number of generations"));
    }
  if (notes != NULL && save == NULL)
    {
      mdk_cli_experiment_options_clear (&exp_options);
      return mdk_cli_usage_error (_("--notes sets the notes of the project file: give --save too"));
    }
  if (resume != NULL && (exp_options.task || exp_options.algorithm || exp_options.params ||
                         exp_options.task_params || exp_options.objective_params))
    {
      mdk_cli_experiment_options_clear (&exp_options);
      return mdk_cli_usage_error (_("--resume continues the saved experiment: its task and parameters cannot be changed"));
    }
  if (save != NULL && !overwrite && g_strcmp0 (save, resume) != 0 && g_file_test (save, G_FILE_TEST_EXISTS))
    {
      mdk_cli_experiment_options_clear (&exp_options);
      return mdk_cli_usage_error (_("“%s” already exists; use --overwrite to replace it or choose another file"), save);
    }

  if (resume == NULL)
    {
      experiment = mdk_cli_build_experiment (&exp_options, "classify", &error);
      mdk_cli_experiment_options_clear (&exp_options);
      if (experiment == NULL)
        return mdk_cli_usage_error ("%s", error->message);
    }

  /* Read before anything is written; checked against the task once the
   * run exists. */
  if (seed_genome != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (seed_genome);

      seed = mdk_neat_genome_load (file, &error);
      if (seed == NULL)
        {
          mdk_cli_experiment_options_clear (&exp_options);
          return mdk_cli_usage_error (_("Cannot seed from “%s”: %s"), seed_genome, error->message);
        }
    }

  if (output != NULL)
    {
      g_autofree char *history = g_build_filename (output, "history.csv", NULL);

      if (!overwrite && g_file_test (history, G_FILE_TEST_EXISTS))
        {
          mdk_cli_experiment_options_clear (&exp_options);
          return mdk_cli_usage_error (_("“%s” already holds the results of a run; use --overwrite to replace them or choose another folder"),
                                      output);
        }
      if (g_mkdir_with_parents (output, 0755) != 0)
        {
          mdk_cli_experiment_options_clear (&exp_options);
          return mdk_cli_usage_error (_("Cannot create the output folder “%s”: %s"),
                                      output, g_strerror (errno));
        }
    }

  if (resume != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (resume);
      MdkStopParams stop;
      g_autoptr(MdkExperiment) overrides = NULL;

      project = mdk_project_load (file, &error);
      if (project == NULL || mdk_project_get_state (project) == NULL)
        {
          mdk_cli_experiment_options_clear (&exp_options);
          return mdk_cli_usage_error (_("Cannot resume “%s”: %s"), resume,
                                      error ? error->message : _("the project holds no run"));
        }
      run = mdk_run_state_load (mdk_project_get_state (project), &error);
      if (run == NULL)
        {
          mdk_cli_experiment_options_clear (&exp_options);
          return mdk_cli_usage_error (_("Cannot resume “%s”: %s"), resume, error->message);
        }
      /* Stop conditions given on the command line replace the saved ones. */
      overrides = mdk_cli_build_experiment (&exp_options, mdk_run_get_experiment (run)->task_class->id, &error);
      mdk_cli_experiment_options_clear (&exp_options);
      if (overrides == NULL)
        return mdk_cli_usage_error ("%s", error->message);
      stop = mdk_run_get_experiment (run)->stop;
      for (guint i = 0; i < MDK_STOP_N_PARAMS; i++)
        {
          const MdkParamSpec *spec = &mdk_stop_param_table[i];
          MdkStopParams defaults;

          mdk_param_table_init (mdk_stop_param_table, MDK_STOP_N_PARAMS, &defaults);
          if (mdk_param_get_number (spec, &overrides->stop) != mdk_param_get_number (spec, &defaults))
            mdk_param_set_number (spec, &stop, mdk_param_get_number (spec, &overrides->stop));
        }
      mdk_run_set_stop (run, &stop);
    }
  else
    {
      run = mdk_run_new (experiment, &error);
      if (run == NULL)
        return mdk_cli_usage_error ("%s", error->message);
    }

  /* A saved project keeps the lineage of its population, as the studio's do. */
  if (save != NULL && mdk_run_get_lineage (run) == NULL)
    {
      g_autoptr(MdkLineage) lineage = mdk_lineage_new (MDK_LINEAGE_DEFAULT_RECORDS);
      mdk_run_set_lineage (run, lineage);
    }
  if (seed != NULL && !mdk_cli_seed_run (run, seed, &error))
    return mdk_cli_usage_error (_("Cannot seed from “%s”: %s"), seed_genome, error->message);

#if MEDAKA_HAVE_MPI
  if (mpi != NULL && !mdk_cli_mpi_start (mpi, run, &mpi_options, &error))
    {
      g_free (mpi_options.fault);
      return mdk_cli_usage_error ("%s", error->message);
    }
  g_free (mpi_options.fault);
#endif

  signal (SIGINT, on_interrupt);
  signal (SIGTERM, on_interrupt);

  /* A resumed run may already be at its generation limit. */
  {
    const MdkStopParams *stop = &mdk_run_get_experiment (run)->stop;
    if (stop->max_generations > 0 && mdk_run_get_generation (run) >= (guint) stop->max_generations)
      stop_reason = N_("generation limit reached");
  }
  for (int step = 1; stop_reason == NULL; step++)
    {
      stop_reason = mdk_run_step (run);
      if (interrupted && stop_reason == NULL)
        stop_reason = N_("interrupted");
      if (steps > 0 && step >= steps && stop_reason == NULL)
        stop_reason = N_("step limit reached");
#if MEDAKA_HAVE_MPI
      if (mpi != NULL && mdk_cli_mpi_failed (mpi) && stop_reason == NULL)
        stop_reason = N_("a worker failed");
#endif

      if (!quiet)
        {
          gint64 now = g_get_monotonic_time ();
          /* A terminal gets a live line (at most 10 updates a second); a
           * log gets a line per generation, at most one a second. */
          if (stop_reason != NULL || now - last_print > (tty ? 100000 : 1000000))
            {
              print_progress (run, tty);
              last_print = now;
            }
        }
    }
  if (!quiet && tty)
    fputc ('\n', stderr);

  if (output != NULL && !write_outputs (run, output, stop_reason, &error))
    {
      fprintf (stderr, "medaka-cli: %s\n", error->message);
      status = 1;
    }
  if (save != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (save);
      g_autoptr(JsonNode) state = mdk_run_state_save (run);

      /* A resumed project keeps its notes and bookmarks. */
      if (project == NULL)
        project = mdk_project_new ();
      if (notes != NULL)
        mdk_project_set_notes (project, notes);

      mdk_project_set_state (project, state);
      if (!mdk_project_save (project, file, &error))
        {
          fprintf (stderr, "medaka-cli: %s\n", error->message);
          status = 1;
        }
#if MEDAKA_HAVE_MPI
      else if (mpi != NULL && mdk_cli_mpi_failed (mpi))
        fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                      "medaka-cli: the run is saved in “%s” after %u generation; "
                                      "“medaka-cli run %s” continues it\n",
                                      "medaka-cli: the run is saved in “%s” after %u generations; "
                                      "“medaka-cli run %s” continues it\n",
                                      mdk_run_get_generation (run)),
                 save, mdk_run_get_generation (run), save);
#endif
    }
  if (!quiet)
    print_summary (run, stop_reason);
#if MEDAKA_HAVE_MPI
  if (!quiet && mpi != NULL)
    {
      g_autofree char *traffic = mdk_cli_mpi_describe (mpi);
      if (traffic != NULL)
        printf ("%s\n", traffic);
    }
#endif
  return interrupted ? 130 : status;
}

/* --mpi, or started by an MPI launcher (Open MPI's mpirun, a PMI or PMIx
 * one such as Slurm's srun). */
static gboolean
mpi_wanted (int    argc,
            char **argv)
{
  for (int i = 1; i < argc && g_strcmp0 (argv[i], "--") != 0; i++)
    if (g_strcmp0 (argv[i], "--mpi") == 0)
      return TRUE;
  return g_getenv ("OMPI_COMM_WORLD_SIZE") != NULL || g_getenv ("PMIX_RANK") != NULL ||
         g_getenv ("PMI_RANK") != NULL;
}

int
mdk_cli_run (int    argc,
             char **argv)
{
#if MEDAKA_HAVE_MPI
  g_autoptr(GError) error = NULL;
  MdkCliMpi *mpi;
  int status;

  if (!mpi_wanted (argc, argv))
    return run_command (argc, argv, NULL);
  mpi = mdk_cli_mpi_new (&argc, &argv, &error);
  if (mpi == NULL)
    return mdk_cli_usage_error ("%s", error->message);
  /* mpirun ends the job on SIGTERM or SIGINT, but passes SIGUSR1 on to
   * every rank: rank 0 then stops after this generation, the workers go on
   * until it says so. */
  if (mdk_cli_mpi_get_rank (mpi) > 0)
    {
      signal (SIGUSR1, SIG_IGN);
      status = mdk_cli_mpi_serve (mpi);
    }
  else
    {
      signal (SIGUSR1, on_interrupt);
      status = run_command (argc, argv, mpi);
    }
  return mdk_cli_mpi_finish (mpi, status);
#else
  if (mpi_wanted (argc, argv))
    return mdk_cli_usage_error (_("This build has no MPI support; build with “meson setup -Dmpi=enabled” "
                                  "and Open MPI installed (docs/cluster.md)"));
  return run_command (argc, argv, NULL);
#endif
}

static void
print_table (const char         *title,
             const MdkParamSpec *table,
             guint               n,
             gconstpointer       defaults)
{
  const char *group = NULL;

  printf ("%s\n", title);
  for (guint i = 0; i < n; i++)
    {
      const MdkParamSpec *spec = &table[i];
      g_autofree char *def = mdk_param_to_string (spec, defaults);
      g_autofree char *range = mdk_param_describe_range (spec);
      g_autofree char *facts = NULL;

      if (g_strcmp0 (group, spec->group) != 0)
        {
          group = spec->group;
          printf ("  [%s]\n", _(group));
        }
      printf ("    %-28s %s\n", spec->id, _(spec->label));
      /* TRANSLATORS: default value and allowed range of a parameter */
      facts = g_strdup_printf (_("default %s; %s"), def[0] ? def : _("(empty)"), range);

      printf ("    %-28s %s\n", "", facts);
      printf ("    %-28s %s\n", "", _(spec->help));
    }
}

int
mdk_cli_params (int    argc,
                char **argv)
{
  g_autofree char *task_id = NULL;
  g_autofree char *algorithm_id = NULL;
  const GOptionEntry entries[] = {
    { "task", 't', 0, G_OPTION_ARG_STRING, &task_id, N_("Show only this task"), N_("TASK") },
    { "algorithm", 'a', 0, G_OPTION_ARG_STRING, &algorithm_id, N_("Show only this algorithm"), N_("ALGORITHM") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  const MdkTaskClass * const *tasks;
  const MdkOptimizerClass * const *algorithms;
  guint n_tasks, n_algorithms;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("List the tasks, the algorithms and their parameters."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mdk_cli_usage_error ("%s", error->message);
  if (argc > 1)
    return mdk_cli_usage_error (_("Unexpected argument “%s”"), argv[1]);
  if (task_id != NULL && mdk_task_class_lookup (task_id) == NULL)
    return mdk_cli_usage_error (_("Unknown task “%s” (see “medaka-cli params”)"), task_id);
  if (algorithm_id != NULL && mdk_optimizer_class_lookup (algorithm_id) == NULL)
    return mdk_cli_usage_error (_("Unknown algorithm “%s” (see “medaka-cli params”)"), algorithm_id);

  tasks = mdk_task_classes (&n_tasks);
  algorithms = mdk_optimizer_classes (&n_algorithms);
  for (guint i = 0; i < n_tasks; i++)
    {
      gpointer defaults;
      g_autofree char *title = NULL;

      if ((task_id == NULL && algorithm_id != NULL) || (task_id && g_strcmp0 (task_id, tasks[i]->id)))
        continue;
      defaults = mdk_task_params_new (tasks[i]);
      title = g_strdup_printf (_("Task “%s”: %s"), tasks[i]->id, _(tasks[i]->label));
      print_table (title, tasks[i]->params, tasks[i]->n_params, defaults);
      printf ("\n");
      mdk_task_params_free (tasks[i], defaults);
    }
  for (guint i = 0; i < n_algorithms; i++)
    {
      gpointer defaults;
      g_autofree char *title = NULL;

      if ((algorithm_id == NULL && task_id != NULL) ||
          (algorithm_id && g_strcmp0 (algorithm_id, algorithms[i]->id)))
        continue;
      defaults = mdk_optimizer_params_new (algorithms[i]);
      title = g_strdup_printf (_("Algorithm “%s”: %s"), algorithms[i]->id, _(algorithms[i]->label));
      print_table (title, algorithms[i]->params, algorithms[i]->n_params, defaults);
      printf ("\n");
      mdk_optimizer_params_free (algorithms[i], defaults);
    }
  if (task_id == NULL && algorithm_id == NULL)
    {
      MdkStopParams stop;
      MdkNoveltyParams objective;

      mdk_param_table_init (mdk_stop_param_table, MDK_STOP_N_PARAMS, &stop);
      print_table (_("Stop conditions (--generations, --evaluations, --time-limit, --target)"),
                   mdk_stop_param_table, MDK_STOP_N_PARAMS, &stop);
      printf ("\n");
      mdk_param_table_init (mdk_novelty_param_table, MDK_NOVELTY_N_PARAMS, &objective);
      print_table (_("Search objective (-O KEY=VALUE)"), mdk_novelty_param_table, MDK_NOVELTY_N_PARAMS,
                   &objective);
    }
  return 0;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: medaka-cli COMMAND [OPTIONS]"));
  fprintf (out, "%s\n", _("Commands:"));
  fprintf (out, "  run      %s\n", _("Evolve networks on a task and write the results"));
  fprintf (out, "  export   %s\n", _("Write a saved project's history, a genome and the charts to files"));
  fprintf (out, "  bench    %s\n", _("Measure search performance and speed"));
  fprintf (out, "  params   %s\n", _("List the tasks, the algorithms and their parameters"));
  fprintf (out, "  backprop %s\n", _("Train a project's champion further by gradient descent"));
  fprintf (out, "  import-neat  %s\n", _("Make a project from a neat-python configuration file"));
  fprintf (out, "\n%s\n", _("“medaka-cli COMMAND --help” describes each command."));
}

int
main (int    argc,
      char **argv)
{
  mdk_cli_init_i18n ();
  g_set_prgname ("medaka-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return MDK_CLI_EXIT_USAGE;
    }
  if (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0 ||
      g_strcmp0 (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return 0;
    }
  if (g_strcmp0 (argv[1], "--version") == 0)
    {
      printf ("medaka-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  /* --help then reads "medaka-cli run [OPTION…]". */
  if (g_strcmp0 (argv[1], "run") == 0)
    {
      g_set_prgname ("medaka-cli run");
      return mdk_cli_run (argc - 1, argv + 1);
    }
  if (g_strcmp0 (argv[1], "export") == 0)
    {
      g_set_prgname ("medaka-cli export");
      return mdk_cli_export (argc - 1, argv + 1);
    }
  if (g_strcmp0 (argv[1], "bench") == 0)
    {
      g_set_prgname ("medaka-cli bench");
      return mdk_cli_bench (argc - 1, argv + 1);
    }
  if (g_strcmp0 (argv[1], "backprop") == 0)
    {
      g_set_prgname ("medaka-cli backprop");
      return mdk_cli_backprop (argc - 1, argv + 1);
    }
  if (g_strcmp0 (argv[1], "import-neat") == 0)
    {
      g_set_prgname ("medaka-cli import-neat");
      return mdk_cli_import_neat (argc - 1, argv + 1);
    }
  if (g_strcmp0 (argv[1], "params") == 0)
    {
      g_set_prgname ("medaka-cli params");
      return mdk_cli_params (argc - 1, argv + 1);
    }

  return mdk_cli_usage_error (_("Unknown command “%s” (try “medaka-cli --help”)"), argv[1]);
}
