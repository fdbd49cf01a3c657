/* medaka-cli export: a saved project's history, a genome and the charts as
 * files (draw/mdk-export.h writes them, as the studio's Export All does). */
#define G_LOG_DOMAIN "medaka-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mdk-cli-common.h"
#include "mdk-export.h"
#include "mdk-neat.h"
#include "mdk-project.h"
#include "mdk-run-state.h"

/* A genome the project holds, and where it is. */
typedef struct
{
  MdkNeatGenome           *genome;  /* owned; another algorithm's genome as its graph */
  gpointer                 native;  /* owned: that algorithm's genome, else NULL */
  const MdkOptimizerClass *klass;   /* frees native */
  double                   fitness; /* NAN: as the genome says */
  char                    *where;   /* for --list-genomes */
} Holding;

static void
holding_clear (gpointer data)
{
  Holding *h = data;

  mdk_neat_genome_free (h->genome);
  if (h->native != NULL)
    h->klass->free_genome (h->native);
  g_free (h->where);
}

/* @genome (taken) is of @klass: NEAT's as it is, another algorithm's
 * through its graph form (none without one). */
static void
add_holding (GArray                  *holdings,
             const MdkOptimizerClass *klass,
             gpointer                 genome,
             double                   fitness,
             char                    *where)
{
  Holding h = { genome, NULL, klass, fitness, where };

  if (klass != &mdk_neat_class)
    {
      h.native = genome;
      h.genome = klass->to_graph != NULL ? klass->to_graph (genome) : NULL;
    }
  if (h.genome == NULL)
    {
      holding_clear (&h);
      return;
    }
  g_array_append_val (holdings, h);
}

/* The champion, the genomes the algorithm keeps for the next generation
 * (NEAT's population to come, a GA's elites, MAP-Elites' map) and the
 * bookmarks, in that order. */
static GArray *
collect_genomes (MdkProject  *project,
                 MdkRun      *run,
                 GError     **error)
{
  g_autoptr(GArray) holdings = g_array_new (FALSE, FALSE, sizeof (Holding));
  MdkOptimizer *opt = mdk_run_get_optimizer (run);
  const MdkOptimizerClass *klass = opt->klass;
  MdkEvalResult result;
  gconstpointer champion = mdk_run_get_champion (run, &result, NULL);
  g_autoptr(GPtrArray) kept = klass->dup_kept != NULL ? klass->dup_kept (opt) : NULL;

  g_array_set_clear_func (holdings, holding_clear);
  if (champion != NULL)
    add_holding (holdings, klass, klass->dup_genome (opt, champion), result.fitness, g_strdup (_("champion")));
  for (guint i = 0; kept != NULL && i < kept->len; i++)
    add_holding (holdings, klass, klass->dup_genome (opt, kept->pdata[i]), NAN,
                 klass == &mdk_neat_class ? g_strdup (_("saved population"))
                                          /* TRANSLATORS: where a genome is: kept by a genetic
                                           * algorithm or in MAP-Elites' map */
                                          : g_strdup (_("elite")));
  for (guint i = 0; i < mdk_project_get_n_bookmarks (project); i++)
    {
      g_autoptr(GError) local = NULL;
      gpointer genome = klass->genome_from_json (opt, mdk_project_get_bookmark_genome (project, i), &local);

      if (genome == NULL)
        {
          g_set_error (error, local->domain, local->code, "bookmarks[%u]: %s", i, local->message);
          return NULL;
        }
      /* TRANSLATORS: where a genome is: %s is the bookmark's label */
      add_holding (holdings, klass, genome, NAN,
                   g_strdup_printf (_("bookmark “%s”"), mdk_project_get_bookmark_label (project, i)));
    }
  return g_steal_pointer (&holdings);
}

/* Tab-separated, for people and for scripts alike. */
static void
list_genomes (GArray *holdings)
{
  /* TRANSLATORS: the column titles of medaka-cli export --list-genomes */
  printf ("%s\t%s\t%s\t%s\t%s\n", _("id"), _("fitness"), _("hidden"), _("connections"), _("where"));
  for (guint i = 0; i < holdings->len; i++)
    {
      const Holding *h = &g_array_index (holdings, Holding, i);
      double fitness = isfinite (h->fitness) ? h->fitness : (h->genome->fitness_valid ? h->genome->fitness : NAN);
      char number[G_ASCII_DTOSTR_BUF_SIZE] = "–";

      if (isfinite (fitness))
        g_ascii_formatd (number, sizeof number, "%.6g", fitness);
      printf ("%" G_GUINT64_FORMAT "\t%s\t%u\t%u\t%s\n", h->genome->id, number,
              mdk_neat_genome_count_hidden (h->genome), mdk_neat_genome_count_enabled (h->genome),
              h->where);
    }
}

/* --only history,plots → MDK_EXPORT_HISTORY | MDK_EXPORT_PLOTS, or 0. */
static MdkExportParts
parse_parts (const char  *text,
             char       **bad)
{
  static const struct { const char *id; MdkExportParts part; } names[] = {
    { "history", MDK_EXPORT_HISTORY },
    { "genome", MDK_EXPORT_GENOME },
    { "plots", MDK_EXPORT_PLOTS },
  };
  g_auto(GStrv) items = g_strsplit (text, ",", -1);
  MdkExportParts parts = 0;

  for (guint i = 0; items[i] != NULL; i++)
    {
      guint k;

      g_strstrip (items[i]);
      for (k = 0; k < G_N_ELEMENTS (names) && g_strcmp0 (items[i], names[k].id) != 0; k++)
        ;
      if (k == G_N_ELEMENTS (names))
        {
          *bad = g_strdup (items[i]);
          return 0;
        }
      parts |= names[k].part;
    }
  if (parts == 0)
    *bad = g_strdup (text);
  return parts;
}

static char **
parse_formats (const char  *text,
               char       **bad)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (!mdk_export_is_format (items[i]))
        {
          *bad = g_strdup (items[i]);
          return NULL;
        }
    }
  if (items[0] == NULL)
    {
      *bad = g_strdup (text);
      return NULL;
    }
  return g_steal_pointer (&items);
}

/* Next to the project: "runs/xor.medaka" exports to "runs/xor-export". */
static char *
default_output (const char *project_path)
{
  g_autofree char *dir = g_path_get_dirname (project_path);
  g_autofree char *base = g_path_get_basename (project_path);
  g_autofree char *name = NULL;

  if (g_str_has_suffix (base, ".medaka") && strlen (base) > strlen (".medaka"))
    base[strlen (base) - strlen (".medaka")] = '\0';
  name = g_strconcat (base, "-export", NULL);
  if (g_str_equal (dir, "."))
    return g_steal_pointer (&name);
  return g_build_filename (dir, name, NULL);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The genome with id @id_text (NULL: the champion, if there is one yet)
 * and its file name; FALSE when the project holds no such genome. */
static gboolean
choose_genome (GArray           *holdings,
               MdkRun           *run,
               const char       *id_text,
               MdkExportSource  *source,
               char            **name)
{
  gboolean has_champion = mdk_run_get_champion (run, NULL, NULL) != NULL;
  guint64 id;

  if (id_text == NULL)
    {
      if (has_champion)
        {
          source->genome = g_array_index (holdings, Holding, 0).genome;
          source->native = g_array_index (holdings, Holding, 0).native;
          source->fitness = g_array_index (holdings, Holding, 0).fitness;
          *name = g_strdup ("champion");
        }
      return TRUE;
    }
  id = g_ascii_strtoull (id_text, NULL, 10);
  for (guint i = 0; i < holdings->len; i++)
    {
      const Holding *h = &g_array_index (holdings, Holding, i);

      if (h->genome->id != id)
        continue;
      source->genome = h->genome;
      source->native = h->native;
      source->fitness = h->fitness;
      /* The champion comes first, so its copy in the population is not
       * named after its id. */
      *name = has_champion && i == 0 ? g_strdup ("champion")
                                     : g_strdup_printf ("genome-%" G_GUINT64_FORMAT, id);
      return TRUE;
    }
  return FALSE;
}

/* MAP-Elites' map and novelty search's archive, as the run holds them. */
static MdkBehaviourSpace *
behaviour_space_of (MdkRun *run)
{
  MdkBehaviourSpace *space = mdk_behaviour_space_new ();
  MdkOptimizer *opt = mdk_run_get_optimizer (run);
  MdkNovelty *novelty = mdk_run_get_novelty (run);

  if (opt->klass->dup_map != NULL)
    {
      g_autoptr(MdkEliteMap) map = opt->klass->dup_map (opt);
      mdk_behaviour_space_set_map (space, map);
    }
  if (novelty != NULL)
    {
      guint n, dims = mdk_novelty_get_dims (novelty);
      const double *points = mdk_novelty_get_archive (novelty, &n);
      g_autoptr(GArray) archive = g_array_sized_new (FALSE, FALSE, sizeof (double), n * dims);

      g_array_append_vals (archive, points, n * dims);
      mdk_behaviour_space_set_archive (space, archive, dims);
    }
  return space;
}

/* 0, or the exit status once it has said why not: a file of @plan would
 * replace the project itself, or an earlier export without --overwrite. */
static int
check_outputs (GArray     *plan,
               const char *output,
               const char *project_path,
               gboolean    overwrite)
{
  for (guint i = 0; i < plan->len; i++)
    {
      g_autofree char *path = g_build_filename (output, g_array_index (plan, MdkExportFile, i).name, NULL);

      if (same_file (path, project_path))
        return mdk_cli_usage_error (_("“%s” is the project itself; choose another folder with --out"), path);
      if (!overwrite && g_file_test (path, G_FILE_TEST_EXISTS))
        return mdk_cli_usage_error (_("“%s” already exists; use --overwrite to replace it or choose another folder with --out"),
                                    path);
    }
  return 0;
}

int
mdk_cli_export (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *genome_id = NULL;
  g_autofree char *only = NULL;
  g_autofree char *formats_text = NULL;
  gboolean overwrite = FALSE, quiet = FALSE, list = FALSE;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the files to this folder (default: next to the project, named after it with “-export”)"),
      N_("DIR") },
    { "genome", 'g', 0, G_OPTION_ARG_STRING, &genome_id,
      N_("Export the genome with this id (the champion, one of the saved population, an elite of a GA or MAP-Elites, or a bookmarked genome; see --list-genomes) instead of the champion"),
      N_("ID") },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only,
      N_("Export only these parts: history, genome, plots (comma-separated; default: all)"),
      N_("PARTS") },
    { "formats", 'f', 0, G_OPTION_ARG_STRING, &formats_text,
      N_("Write only these formats: csv, json, dot, c, svg, pdf, png (comma-separated; default: all)"),
      N_("LIST") },
    { "list-genomes", 0, 0, G_OPTION_ARG_NONE, &list,
      N_("List the genomes the project holds, with their ids, and write nothing"), NULL },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite,
      N_("Replace the files of an earlier export"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
      N_("Do not list the files written"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) project_file = NULL;
  g_autoptr(MdkProject) project = NULL;
  g_autoptr(MdkRun) run = NULL;
  g_autoptr(GArray) holdings = NULL;
  g_autoptr(MdkHistory) history = NULL;
  g_autoptr(GArray) plan = NULL;
  g_autoptr(GFile) dir = NULL;
  g_auto(GStrv) formats = NULL;
  g_autofree char *genome_name = NULL;
  MdkExportParts parts = MDK_EXPORT_ALL;
  MdkExportSource source = { .fitness = NAN };
  g_autoptr(MdkBehaviourSpace) behaviours = NULL;
  MdkStatColumns columns;
  const char *project_path;
  MdkTask *task;
  int status;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Write a saved project's history (CSV), its champion or another genome "
                                           "(JSON, Graphviz DOT, C source, SVG, PDF, PNG) and the charts the "
                                           "studio shows (SVG, PDF, PNG and their data as CSV) to a folder. "
                                           "The project itself is never changed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mdk_cli_usage_error ("%s", error->message);
  if (argc < 2)
    return mdk_cli_usage_error (_("Which project? Usage: medaka-cli export [OPTION…] PROJECT"));
  if (argc > 2)
    return mdk_cli_usage_error (_("Unexpected argument “%s”"), argv[2]);
  project_path = argv[1];

  if (only != NULL)
    {
      g_autofree char *bad = NULL;

      parts = parse_parts (only, &bad);
      if (parts == 0)
        return mdk_cli_usage_error (_("Unknown part “%s” for --only (history, genome, plots)"), bad);
    }
  if (formats_text != NULL)
    {
      g_autofree char *bad = NULL;

      formats = parse_formats (formats_text, &bad);
      if (formats == NULL)
        return mdk_cli_usage_error (_("Unknown format “%s” for --formats (csv, json, dot, c, svg, pdf, png)"), bad);
    }
  if (genome_id != NULL && (genome_id[0] < '0' || genome_id[0] > '9' ||
                            !g_ascii_string_to_unsigned (genome_id, 10, 0, G_MAXUINT64, NULL, NULL)))
    return mdk_cli_usage_error (_("--genome expects a genome id (a whole number), not “%s”"), genome_id);

  project_file = g_file_new_for_commandline_arg (project_path);
  project = mdk_project_load (project_file, &error);
  if (project == NULL)
    return mdk_cli_usage_error (_("Cannot export “%s”: %s"), project_path, error->message);
  if (mdk_project_get_state (project) == NULL)
    return mdk_cli_usage_error (_("Cannot export “%s”: %s"), project_path, _("the project holds no run"));
  run = mdk_run_state_load (mdk_project_get_state (project), &error);
  if (run == NULL)
    return mdk_cli_usage_error (_("Cannot export “%s”: %s"), project_path, error->message);
  holdings = collect_genomes (project, run, &error);
  if (holdings == NULL)
    return mdk_cli_usage_error (_("Cannot export “%s”: %s"), project_path, error->message);

  if (list)
    {
      list_genomes (holdings);
      return 0;
    }

  if (!choose_genome (holdings, run, genome_id, &source, &genome_name))
    return mdk_cli_usage_error (_("“%s” holds no genome with id %s (see --list-genomes)"),
                                project_path, genome_id);

  history = mdk_history_new ();
  mdk_history_append_run (history, run);
  task = mdk_run_get_task (run);
  source.history = history;
  source.klass = mdk_run_get_optimizer (run)->klass;
  mdk_stat_columns_for_experiment (&columns, mdk_run_get_experiment (run));
  source.columns = &columns;
  source.genome_name = genome_name;
  source.input_names = (const char * const *) task->input_names;
  source.output_names = (const char * const *) task->output_names;
  behaviours = behaviour_space_of (run);
  source.behaviours = behaviours;

  plan = mdk_export_plan (&source, parts, (const char * const *) formats);
  if (plan->len == 0)
    return mdk_cli_usage_error (_("Nothing to export: the chosen parts have no file in the chosen formats"));

  if (output == NULL)
    output = default_output (project_path);
  if (g_mkdir_with_parents (output, 0755) != 0)
    return mdk_cli_usage_error (_("Cannot create the output folder “%s”: %s"), output, g_strerror (errno));
  status = check_outputs (plan, output, project_path, overwrite);
  if (status != 0)
    return status;

  dir = g_file_new_for_commandline_arg (output);
  if (!mdk_export_write (&source, plan, dir, &error))
    return mdk_cli_usage_error ("%s", error->message);
  if (!quiet)
    for (guint i = 0; i < plan->len; i++)
      {
        g_autofree char *path = g_build_filename (output, g_array_index (plan, MdkExportFile, i).name, NULL);
        printf ("%s\n", path);
      }
  return 0;
}
