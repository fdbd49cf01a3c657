#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-run-state.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mdk-columns.h"

/* The state object (docs/formats.md, "Run state"), taken between
 * generations:
 *
 *   {
 *     "version": 2,
 *     "experiment": {
 *       "task": "xor", "task_params": { "<id>": "<value>", … },
 *       "algorithm": "neat", "algorithm_params": { "<id>": "<value>", … },
 *       "seed": "42", "threads": 2, "stop": { "<id>": "<value>", … },
 *       "objective": { "<id>": "<value>", … }   (optional: fitness search)
 *     },
 *     "generation": 7, "evaluations": 1050, "seconds": "0.0123",
 *     "solved": false, "solved_evaluations": 0, "solved_generation": 0,
 *     "history": [ [ generation, "best", "mean", "median", "stdev", species,
 *                    "mean_nodes", "mean_connections", evaluations, "seconds",
 *                    champion_nodes, champion_connections, invalid,
 *                    "best_train", "best_test", solved (0 or 1),
 *                    phase (0 none, 1 complexify, 2 simplify; absent in
 *                    older files), then one "value" per statistic of the
 *                    algorithm's own (MdkOptimizerClass.stats) and of
 *                    novelty search (MdkStatColumns) ], … ],
 *     "species_sizes": { "count": 940, "generations": { "species": … },
 *                        "samples": { "id": …, "size": …, "best_fitness": … } }
 *                  packed columns: per history row its number of species,
 *                  then each generation's species in order (optional:
 *                  older files have none, and their charts show no species),
 *     "champion": null or { "generation": 5, "fitness": "3.9",
 *                           "train_metric": "1", "test_metric": null,
 *                           "solved": true, "genome": { genome document } },
 *     "optimizer": { the algorithm's own state, see below },
 *     "novelty": { "dimensions", "count", "archive": { "behaviour" },
 *                  "threshold", "since_added", "rng" }   (novelty search
 *                  only, mdk-novelty.c),
 *     "checked_species": [ 12, 15 ]   (only for tasks with a solution test:
 *                                      species whose champions took it and
 *                                      have not improved since)
 *   }
 *
 * Parameters are {id: value} with values as mdk_param_to_string () writes
 * them; missing ids keep their defaults (older files), unknown ids are
 * errors.  Doubles are strings from mdk_format_double () (exact, and
 * json-glib 1.6 prints e.g. 1e21 as the invalid number "1e+21.0"); NaN is
 * null; numbers are accepted too.  Integers are JSON integers; the seed is a
 * string because it is unsigned 64-bit.
 *
 * NEAT's "optimizer" object: "generation" (the next to ask), "threshold",
 * "rng" (mdk_rng_to_string), "next_genome_id", "next_species_id",
 * "next_innovation", "next_node_id", "params" (its current parameters, which
 * live changes may have made differ from the experiment's), "population" (the
 * next batch, in order, packed by mdk_neat_pack_genomes (); version 1 had an
 * array of genome documents plus "id", "parent1", "parent2", "origin",
 * "mutations", "birth_generation", "species_id" and "fitness", still read) and
 * "species" (in order: "id", "created", "last_improved", "best_fitness",
 * "representative").  Species members are rebuilt by the next tell.
 */

G_DEFINE_QUARK (mdk-run-state-error-quark, mdk_run_state_error)

#define STATE_INVALID(...) \
  g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID, __VA_ARGS__)

JsonNode *
mdk_run_state_double_node (double value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    json_node_init_null (node);
  else
    json_node_set_string (node, mdk_format_double (buf, sizeof buf, value));
  return node;
}

/* A double from a string, a number or null (NaN). */
gboolean
mdk_run_state_node_get_double (JsonNode    *node,
                               const char  *path,
                               const char  *what,
                               double      *value,
                               GError     **error)
{
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    {
      *value = NAN;
      return TRUE;
    }
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
        {
          *value = json_node_get_double (node);
          return TRUE;
        }
      if (type == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);
          char *end = NULL;

          *value = g_ascii_strtod (s, &end);
          if (*s != '\0' && end != NULL && *end == '\0')
            return TRUE;
        }
    }
  STATE_INVALID (_("%s: “%s” must be a number"), path, what);
  return FALSE;
}

gboolean
mdk_run_state_get_double (JsonObject  *obj,
                          const char  *member,
                          const char  *path,
                          double      *value,
                          GError     **error)
{
  return mdk_run_state_node_get_double (json_object_get_member (obj, member), path, member, value, error);
}

static gboolean
node_get_uint (JsonNode    *node,
               const char  *path,
               const char  *what,
               guint64      max,
               guint64     *value,
               GError     **error)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= 0 && (guint64) json_node_get_int (node) <= max)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  STATE_INVALID (_("%s: “%s” must be a whole number from 0 to %llu"),
                 path, what, (unsigned long long) max);
  return FALSE;
}

gboolean
mdk_run_state_get_uint (JsonObject  *obj,
                        const char  *member,
                        const char  *path,
                        guint64      max,
                        guint64     *value,
                        GError     **error)
{
  return node_get_uint (json_object_get_member (obj, member), path, member, max, value, error);
}

gboolean
mdk_run_state_get_bool (JsonObject  *obj,
                        const char  *member,
                        const char  *path,
                        gboolean    *value,
                        GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      STATE_INVALID (_("%s: “%s” must be true or false"), path, member);
      return FALSE;
    }
  *value = json_node_get_boolean (node);
  return TRUE;
}

const char *
mdk_run_state_get_string (JsonObject  *obj,
                          const char  *member,
                          const char  *path,
                          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      STATE_INVALID (_("%s: “%s” must be a string"), path, member);
      return NULL;
    }
  return json_node_get_string (node);
}

JsonObject *
mdk_run_state_get_object (JsonObject  *obj,
                          const char  *member,
                          const char  *path,
                          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      STATE_INVALID (_("%s: “%s” must be an object"), path, member);
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
mdk_run_state_get_array (JsonObject  *obj,
                         const char  *member,
                         const char  *path,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      STATE_INVALID (_("%s: “%s” must be an array"), path, member);
      return NULL;
    }
  return json_node_get_array (node);
}

/* Turns any error into one of ours whose message starts with @path: a genome's
 * "connections[3]: …" continues the path, other messages follow a colon. */
void
mdk_run_state_prefix_error (GError     **error,
                            const char  *path)
{
  GError *inner;
  const char *sep;

  if (error == NULL || *error == NULL)
    return;
  inner = *error;
  sep = g_str_has_prefix (inner->message, "nodes[") ||
        g_str_has_prefix (inner->message, "connections[") ? "." : ": ";
  *error = g_error_new (MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID, "%s%s%s",
                        path, sep, inner->message);
  g_error_free (inner);
}

JsonNode *
mdk_run_state_params_to_json (const MdkParamSpec *table,
                              guint               n,
                              gconstpointer       params)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = mdk_param_to_string (&table[i], params);
      json_object_set_string_member (obj, table[i].id, value);
    }
  json_node_take_object (node, obj);
  return node;
}

gboolean
mdk_run_state_params_from_json (const MdkParamSpec *table,
                                guint               n,
                                gpointer            params,
                                JsonObject         *obj,
                                const char         *path,
                                GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *id = l->data;
      const MdkParamSpec *spec = mdk_param_table_lookup (table, n, id);
      const char *value;

      if (spec == NULL)
        {
          g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_UNKNOWN,
                       _("%s: unknown parameter “%s”"), path, id);
          return FALSE;
        }
      value = mdk_run_state_get_string (obj, id, path, error);
      if (value == NULL)
        return FALSE;
      if (!mdk_param_set_from_string (spec, params, value, error))
        {
          g_prefix_error (error, "%s.%s: ", path, id);
          return FALSE;
        }
    }
  return TRUE;
}

/* Saving */

/* The "experiment" member of a run state; also what medaka-cli sends its
 * MPI workers. */
JsonNode *
mdk_run_state_experiment_to_json (const MdkExperiment *e)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, e->seed);

  json_object_set_string_member (obj, "task", e->task_class->id);
  json_object_set_member (obj, "task_params",
                          mdk_run_state_params_to_json (e->task_class->params,
                                                        e->task_class->n_params,
                                                        e->task_params));
  json_object_set_string_member (obj, "algorithm", e->optimizer_class->id);
  json_object_set_member (obj, "algorithm_params",
                          mdk_run_state_params_to_json (e->optimizer_class->params,
                                                        e->optimizer_class->n_params,
                                                        e->optimizer_params));
  json_object_set_string_member (obj, "seed", seed);
  json_object_set_int_member (obj, "threads", e->threads);
  json_object_set_member (obj, "stop",
                          mdk_run_state_params_to_json (mdk_stop_param_table, MDK_STOP_N_PARAMS,
                                                        &e->stop));
  json_object_set_member (obj, "objective",
                          mdk_run_state_params_to_json (mdk_novelty_param_table, MDK_NOVELTY_N_PARAMS,
                                                        &e->objective));
  json_node_take_object (node, obj);
  return node;
}

/* The common columns; files made before phased search lack the phase
 * (the 17th), and the algorithm's own statistics follow them. */
#define N_COLUMNS 17
#define N_COLUMNS_V1 16

static JsonArray *
row_to_json (const MdkGenerationStats *r,
             const MdkStatColumns     *columns)
{
  JsonArray *a = json_array_new ();

  json_array_add_int_element (a, r->generation);
  json_array_add_element (a, mdk_run_state_double_node (r->best));
  json_array_add_element (a, mdk_run_state_double_node (r->mean));
  json_array_add_element (a, mdk_run_state_double_node (r->median));
  json_array_add_element (a, mdk_run_state_double_node (r->stdev));
  json_array_add_int_element (a, r->n_species);
  json_array_add_element (a, mdk_run_state_double_node (r->mean_hidden));
  json_array_add_element (a, mdk_run_state_double_node (r->mean_connections));
  json_array_add_int_element (a, (gint64) r->evaluations);
  json_array_add_element (a, mdk_run_state_double_node (r->seconds));
  json_array_add_int_element (a, r->champion_hidden);
  json_array_add_int_element (a, r->champion_connections);
  json_array_add_int_element (a, r->n_invalid);
  json_array_add_element (a, mdk_run_state_double_node (r->best_train));
  json_array_add_element (a, mdk_run_state_double_node (r->best_test));
  json_array_add_int_element (a, r->solved ? 1 : 0);
  json_array_add_int_element (a, r->phase);
  for (guint i = 0; i < columns->n; i++)
    json_array_add_element (a, mdk_run_state_double_node (r->extra[i]));
  return a;
}

/* Species sizes as packed columns (mdk-columns.h): per history row how
 * many species it had, then one row per species of every generation. */
static const MdkColumnGroup species_generations_group = {
  "generations", 1, { "species" }, { MDK_COLUMN_U32 },
};
static const MdkColumnGroup species_samples_group = {
  "samples", 3, { "id", "size", "best_fitness" }, { MDK_COLUMN_U32, MDK_COLUMN_U32, MDK_COLUMN_F64 },
};

static JsonNode *
species_sizes_to_json (MdkRun *run,
                       guint   n_generations)
{
  GByteArray **counts = mdk_columns_new (&species_generations_group, n_generations);
  GByteArray **samples;
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  guint total = 0;

  for (guint g = 0; g < n_generations; g++)
    {
      guint n;

      mdk_run_get_species_sizes (run, g, &n);
      mdk_columns_put (counts[0], MDK_COLUMN_U32, n);
      total += n;
    }
  samples = mdk_columns_new (&species_samples_group, total);
  for (guint g = 0; g < n_generations; g++)
    {
      guint n;
      const MdkSpeciesSample *s = mdk_run_get_species_sizes (run, g, &n);

      for (guint i = 0; i < n; i++)
        {
          mdk_columns_put (samples[0], MDK_COLUMN_U32, s[i].species_id);
          mdk_columns_put (samples[1], MDK_COLUMN_U32, s[i].size);
          mdk_columns_put_double (samples[2], s[i].best_fitness);
        }
    }
  json_object_set_int_member (obj, "count", total);
  mdk_columns_add (obj, &species_generations_group, counts);
  mdk_columns_add (obj, &species_samples_group, samples);
  json_node_take_object (node, obj);
  return node;
}

/* The records the newest generation and the champion descend from: what
 * the lineage view can be asked about after loading. */
static JsonNode *
lineage_to_json (MdkRun *run)
{
  MdkOptimizer *opt = mdk_run_get_optimizer (run);
  gconstpointer champion = mdk_run_get_champion (run, NULL, NULL);
  MdkGenomeInfo info = { 0 };

  if (champion != NULL && opt->klass->describe != NULL)
    opt->klass->describe (opt->klass, champion, &info);
  return mdk_lineage_to_json (mdk_run_get_lineage (run), &info.id, info.id != 0);
}

/* Everything needed to continue @run exactly, between two generations.  The
 * algorithm must support saving (its class has save_state). */
JsonNode *
mdk_run_state_save (MdkRun *run)
{
  MdkOptimizer *opt = mdk_run_get_optimizer (run);
  JsonObject *obj;
  JsonNode *node;
  JsonArray *history;
  GArray *rows = mdk_run_get_history (run);
  MdkEvalResult result;
  guint champion_generation, solved_generation;
  guint64 solved_evaluations;
  gboolean solved;
  gconstpointer champion;
  MdkStatColumns columns;

  g_return_val_if_fail (opt->klass->save_state != NULL, NULL);

  mdk_stat_columns_for_experiment (&columns, mdk_run_get_experiment (run));
  obj = json_object_new ();
  json_object_set_int_member (obj, "version", MDK_RUN_STATE_VERSION);
  json_object_set_member (obj, "experiment", mdk_run_state_experiment_to_json (mdk_run_get_experiment (run)));
  json_object_set_int_member (obj, "generation", mdk_run_get_generation (run));
  json_object_set_int_member (obj, "evaluations", (gint64) mdk_run_get_evaluations (run));
  json_object_set_member (obj, "seconds", mdk_run_state_double_node (mdk_run_get_seconds (run)));
  solved = mdk_run_is_solved (run, &solved_evaluations, &solved_generation);
  json_object_set_boolean_member (obj, "solved", solved);
  json_object_set_int_member (obj, "solved_evaluations", (gint64) solved_evaluations);
  json_object_set_int_member (obj, "solved_generation", solved_generation);

  history = json_array_new ();
  for (guint i = 0; i < rows->len; i++)
    json_array_add_array_element (history, row_to_json (&g_array_index (rows, MdkGenerationStats, i),
                                                        &columns));
  json_object_set_array_member (obj, "history", history);
  json_object_set_member (obj, "species_sizes", species_sizes_to_json (run, rows->len));

  champion = mdk_run_get_champion (run, &result, &champion_generation);
  if (champion != NULL)
    {
      JsonObject *c = json_object_new ();

      json_object_set_int_member (c, "generation", champion_generation);
      json_object_set_member (c, "fitness", mdk_run_state_double_node (result.fitness));
      json_object_set_member (c, "train_metric", mdk_run_state_double_node (result.train_metric));
      json_object_set_member (c, "test_metric", mdk_run_state_double_node (result.test_metric));
      json_object_set_boolean_member (c, "solved", result.solved);
      json_object_set_member (c, "genome", opt->klass->genome_to_json (opt, champion));
      json_object_set_object_member (obj, "champion", c);
    }
  else
    json_object_set_null_member (obj, "champion");

  json_object_set_member (obj, "optimizer", opt->klass->save_state (opt));
  if (mdk_run_get_novelty (run) != NULL)
    json_object_set_member (obj, "novelty", mdk_novelty_save_state (mdk_run_get_novelty (run)));
  if (mdk_run_get_lineage (run) != NULL)
    json_object_set_member (obj, "lineage", lineage_to_json (run));

  if (mdk_run_get_task (run)->klass->test_solution != NULL)
    {
      JsonArray *checked = json_array_new ();
      guint n;
      const guint32 *ids = mdk_run_get_checked_species (run, &n);

      for (guint i = 0; i < n; i++)
        json_array_add_int_element (checked, ids[i]);
      json_object_set_array_member (obj, "checked_species", checked);
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, obj);
  return node;
}

/* Loading */

MdkExperiment *
mdk_run_state_experiment_from_json (JsonObject  *obj,
                                    GError     **error)
{
  const char *path = "state.experiment";
  g_autoptr(MdkExperiment) e = NULL;
  const MdkTaskClass *task_class;
  const MdkOptimizerClass *opt_class;
  const char *task_id, *opt_id;
  JsonObject *params;
  JsonNode *seed;
  guint64 threads;

  task_id = mdk_run_state_get_string (obj, "task", path, error);
  if (task_id == NULL)
    return NULL;
  task_class = mdk_task_class_lookup (task_id);
  if (task_class == NULL)
    {
      STATE_INVALID (_("%s: unknown task “%s”"), path, task_id);
      return NULL;
    }
  opt_id = mdk_run_state_get_string (obj, "algorithm", path, error);
  if (opt_id == NULL)
    return NULL;
  opt_class = mdk_optimizer_class_lookup (opt_id);
  if (opt_class == NULL)
    {
      STATE_INVALID (_("%s: unknown algorithm “%s”"), path, opt_id);
      return NULL;
    }
  if (opt_class->load_state == NULL)
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_UNSUPPORTED,
                   _("The algorithm “%s” cannot resume a run"), opt_id);
      return NULL;
    }

  e = mdk_experiment_new (task_class, opt_class);
  if ((params = mdk_run_state_get_object (obj, "task_params", path, error)) == NULL ||
      !mdk_run_state_params_from_json (task_class->params, task_class->n_params, e->task_params,
                                       params, "state.experiment.task_params", error) ||
      (params = mdk_run_state_get_object (obj, "algorithm_params", path, error)) == NULL ||
      !mdk_run_state_params_from_json (opt_class->params, opt_class->n_params, e->optimizer_params,
                                       params, "state.experiment.algorithm_params", error) ||
      (params = mdk_run_state_get_object (obj, "stop", path, error)) == NULL ||
      !mdk_run_state_params_from_json (mdk_stop_param_table, MDK_STOP_N_PARAMS, &e->stop,
                                       params, "state.experiment.stop", error))
    return NULL;
  /* Files from before novelty search have no objective: fitness. */
  if (json_object_has_member (obj, "objective") &&
      ((params = mdk_run_state_get_object (obj, "objective", path, error)) == NULL ||
       !mdk_run_state_params_from_json (mdk_novelty_param_table, MDK_NOVELTY_N_PARAMS, &e->objective,
                                        params, "state.experiment.objective", error)))
    return NULL;

  /* The seed is unsigned 64-bit: a decimal string, or a JSON integer. */
  seed = json_object_get_member (obj, "seed");
  if (seed != NULL && JSON_NODE_HOLDS_VALUE (seed) && json_node_get_value_type (seed) == G_TYPE_STRING)
    {
      if (!g_ascii_string_to_unsigned (json_node_get_string (seed), 10, 0, G_MAXUINT64, &e->seed, NULL))
        seed = NULL;
    }
  else if (seed != NULL && JSON_NODE_HOLDS_VALUE (seed) && json_node_get_value_type (seed) == G_TYPE_INT64 &&
           json_node_get_int (seed) >= 0)
    e->seed = json_node_get_int (seed);
  else
    seed = NULL;
  if (seed == NULL)
    {
      STATE_INVALID (_("%s: “%s” must be a whole number from 0 to %llu"),
                     path, "seed", (unsigned long long) G_MAXUINT64);
      return NULL;
    }
  if (!mdk_run_state_get_uint (obj, "threads", path, 4096, &threads, error))
    return NULL;
  e->threads = threads;
  return g_steal_pointer (&e);
}

static gboolean
row_from_json (JsonNode                *node,
               const char              *path,
               const MdkStatColumns    *columns,
               MdkGenerationStats      *r,
               GError                 **error)
{
  JsonArray *a;
  guint64 v[N_COLUMNS];
  double d[N_COLUMNS + MDK_MAX_STATS];
  guint n_columns = N_COLUMNS + columns->n;
  guint length;
  gboolean has_phase;
  /* Which columns are integers, in the csv order. */
  static const gboolean is_int[N_COLUMNS] = {
    TRUE, FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, FALSE,
    TRUE, FALSE, TRUE, TRUE, TRUE, FALSE, FALSE, TRUE, TRUE,
  };

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      ((length = json_array_get_length (json_node_get_array (node))) != n_columns &&
       length != n_columns - (N_COLUMNS - N_COLUMNS_V1)))
    {
      STATE_INVALID (_("%s: must be an array of %u numbers"), path, n_columns);
      return FALSE;
    }
  a = json_node_get_array (node);
  has_phase = length == n_columns;
  v[16] = MDK_SEARCH_PHASE_NONE;
  for (guint i = 0; i < length; i++)
    {
      g_autofree char *what = g_strdup_printf ("%u", i);
      JsonNode *cell = json_array_get_element (a, i);
      /* The column in today's order: older rows lack the phase. */
      guint c = has_phase || i < N_COLUMNS_V1 ? i : i + 1;
      guint64 max = c == 8 ? G_MAXINT64 : c == 15 ? 1 : c == 16 ? MDK_SEARCH_PHASE_SIMPLIFY : G_MAXUINT32;

      if (c < N_COLUMNS && is_int[c] ? !node_get_uint (cell, path, what, max, &v[c], error)
                                     : !mdk_run_state_node_get_double (cell, path, what, &d[c], error))
        return FALSE;
    }
  /* Zeroed first, so rows compare equal as memory too. */
  memset (r, 0, sizeof *r);
  r->generation = v[0];
  r->best = d[1];
  r->mean = d[2];
  r->median = d[3];
  r->stdev = d[4];
  r->n_species = v[5];
  r->mean_hidden = d[6];
  r->mean_connections = d[7];
  r->evaluations = v[8];
  r->seconds = d[9];
  r->champion_hidden = v[10];
  r->champion_connections = v[11];
  r->n_invalid = v[12];
  r->best_train = d[13];
  r->best_test = d[14];
  r->solved = v[15] != 0;
  r->phase = v[16];
  for (guint i = 0; i < columns->n; i++)
    r->extra[i] = d[N_COLUMNS + i];
  return TRUE;
}

/* "species_sizes", when there (older files have none). */
static gboolean
species_sizes_from_json (MdkRun      *run,
                         JsonObject  *obj,
                         guint        n_rows,
                         GError     **error)
{
  const char *path = "state.species_sizes";
  JsonNode *node = json_object_get_member (obj, "species_sizes");
  GBytes **counts = NULL, **samples = NULL;
  g_autoptr(GArray) generation = g_array_new (FALSE, FALSE, sizeof (MdkSpeciesSample));
  guint64 total, used = 0;
  gboolean ok = FALSE;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      STATE_INVALID (_("%s: must be an object"), path);
      return FALSE;
    }
  obj = json_node_get_object (node);
  if (!mdk_run_state_get_uint (obj, "count", path, G_MAXINT32, &total, error) ||
      (counts = mdk_columns_read (obj, &species_generations_group, n_rows, path, error)) == NULL ||
      (samples = mdk_columns_read (obj, &species_samples_group, total, path, error)) == NULL)
    goto out;
  for (guint g = 0; g < n_rows; g++)
    {
      guint64 n = mdk_columns_get (counts, &species_generations_group, 0, g);

      if (n > total - used)
        {
          STATE_INVALID (_("%s: the generations hold more species than “%s” says"), path, "count");
          goto out;
        }
      g_array_set_size (generation, 0);
      for (guint64 k = used; k < used + n; k++)
        {
          MdkSpeciesSample sample = {
            .species_id = mdk_columns_get (samples, &species_samples_group, 0, k),
            .size = mdk_columns_get (samples, &species_samples_group, 1, k),
            .best_fitness = mdk_columns_get_double (samples, 2, k),
          };
          g_array_append_val (generation, sample);
        }
      used += n;
      mdk_run_restore_species_sizes (run, (const MdkSpeciesSample *) (gpointer) generation->data,
                                     generation->len);
    }
  if (used != total)
    {
      STATE_INVALID (_("%s: the generations hold fewer species than “%s” says"), path, "count");
      goto out;
    }
  ok = TRUE;

out:
  if (counts != NULL)
    mdk_columns_free (&species_generations_group, counts);
  if (samples != NULL)
    mdk_columns_free (&species_samples_group, samples);
  return ok;
}

static gboolean
champion_from_json (MdkRun      *run,
                    JsonObject  *c,
                    GError     **error)
{
  const char *path = "state.champion";
  MdkOptimizer *opt = mdk_run_get_optimizer (run);
  MdkEvalResult result = { 0 };
  JsonNode *genome_node;
  gpointer genome;
  guint64 generation;

  if (!mdk_run_state_get_uint (c, "generation", path, G_MAXUINT32, &generation, error) ||
      !mdk_run_state_get_double (c, "fitness", path, &result.fitness, error) ||
      !mdk_run_state_get_double (c, "train_metric", path, &result.train_metric, error) ||
      !mdk_run_state_get_double (c, "test_metric", path, &result.test_metric, error) ||
      !mdk_run_state_get_bool (c, "solved", path, &result.solved, error))
    return FALSE;
  genome_node = json_object_get_member (c, "genome");
  if (genome_node == NULL)
    {
      STATE_INVALID (_("%s: “%s” is missing"), path, "genome");
      return FALSE;
    }
  genome = opt->klass->genome_from_json (opt, genome_node, error);
  if (genome == NULL)
    {
      mdk_run_state_prefix_error (error, "state.champion.genome");
      return FALSE;
    }
  mdk_run_take_champion (run, genome, &result, generation);
  return TRUE;
}

static gboolean
checked_species_from_json (MdkRun      *run,
                           JsonObject  *obj,
                           GError     **error)
{
  const char *path = "state.checked_species";
  JsonArray *a = mdk_run_state_get_array (obj, "checked_species", "state", error);
  g_autoptr(GArray) ids = NULL;

  if (a == NULL)
    return FALSE;
  ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      g_autofree char *what = g_strdup_printf ("%u", i);
      guint64 id;
      guint32 id32;

      if (!node_get_uint (json_array_get_element (a, i), path, what, G_MAXUINT32, &id, error))
        return FALSE;
      id32 = id;
      g_array_append_val (ids, id32);
    }
  mdk_run_restore_checked_species (run, (const guint32 *) (gpointer) ids->data, ids->len);
  return TRUE;
}

/* A new run positioned after the saved generation: stepping it continues
 * exactly as the saved run would have. */
MdkRun *
mdk_run_state_load (JsonNode  *node,
                    GError   **error)
{
  const char *path = "state";
  g_autoptr(MdkExperiment) experiment = NULL;
  g_autoptr(MdkRun) run = NULL;
  g_autoptr(GArray) rows = NULL;
  JsonObject *obj, *exp_obj;
  JsonArray *history;
  JsonNode *champion, *opt_node, *lineage_node;
  MdkOptimizer *opt;
  MdkStatColumns columns;
  guint64 version, generation, evaluations, solved_evaluations, solved_generation;
  double seconds;
  gboolean solved;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      STATE_INVALID (_("%s: must be an object"), path);
      return NULL;
    }
  obj = json_node_get_object (node);
  if (!mdk_run_state_get_uint (obj, "version", path, G_MAXUINT32, &version, error))
    return NULL;
  if (version > MDK_RUN_STATE_VERSION)
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_UNSUPPORTED,
                   _("The run state has version %u; this Medaka reads up to version %u"),
                   (guint) version, MDK_RUN_STATE_VERSION);
      return NULL;
    }

  if ((exp_obj = mdk_run_state_get_object (obj, "experiment", path, error)) == NULL ||
      (experiment = mdk_run_state_experiment_from_json (exp_obj, error)) == NULL)
    return NULL;
  run = mdk_run_new (experiment, error);
  if (run == NULL)
    {
      g_prefix_error (error, "state.experiment: ");
      return NULL;
    }

  if (!mdk_run_state_get_uint (obj, "generation", path, G_MAXUINT32, &generation, error) ||
      !mdk_run_state_get_uint (obj, "evaluations", path, G_MAXINT64, &evaluations, error) ||
      !mdk_run_state_get_double (obj, "seconds", path, &seconds, error) ||
      !mdk_run_state_get_bool (obj, "solved", path, &solved, error) ||
      !mdk_run_state_get_uint (obj, "solved_evaluations", path, G_MAXINT64, &solved_evaluations, error) ||
      !mdk_run_state_get_uint (obj, "solved_generation", path, G_MAXUINT32, &solved_generation, error))
    return NULL;
  if (!isfinite (seconds) || seconds < 0)
    {
      STATE_INVALID (_("%s: “%s” must be a number"), path, "seconds");
      return NULL;
    }

  history = mdk_run_state_get_array (obj, "history", path, error);
  if (history == NULL)
    return NULL;
  rows = g_array_sized_new (FALSE, TRUE, sizeof (MdkGenerationStats), json_array_get_length (history));
  mdk_stat_columns_for_experiment (&columns, experiment);
  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      g_autofree char *row_path = g_strdup_printf ("state.history[%u]", i);
      MdkGenerationStats row;

      if (!row_from_json (json_array_get_element (history, i), row_path, &columns, &row, error))
        return NULL;
      g_array_append_val (rows, row);
    }

  opt = mdk_run_get_optimizer (run);
  opt_node = json_object_get_member (obj, "optimizer");
  if (opt_node == NULL)
    {
      STATE_INVALID (_("%s: “%s” is missing"), path, "optimizer");
      return NULL;
    }
  if (!opt->klass->load_state (opt, opt_node, error))
    return NULL;
  if (mdk_run_get_novelty (run) != NULL &&
      !mdk_novelty_load_state (mdk_run_get_novelty (run), json_object_get_member (obj, "novelty"),
                               "state.novelty", error))
    return NULL;

  champion = json_object_get_member (obj, "champion");
  if (champion != NULL && JSON_NODE_HOLDS_OBJECT (champion))
    {
      if (!champion_from_json (run, json_node_get_object (champion), error))
        return NULL;
    }
  else if (champion != NULL && !JSON_NODE_HOLDS_NULL (champion))
    {
      STATE_INVALID (_("%s: “%s” must be an object"), path, "champion");
      return NULL;
    }

  if (json_object_has_member (obj, "checked_species") &&
      !checked_species_from_json (run, obj, error))
    return NULL;

  if (!species_sizes_from_json (run, obj, rows->len, error))
    return NULL;
  lineage_node = json_object_get_member (obj, "lineage");
  if (lineage_node != NULL)
    {
      g_autoptr(MdkLineage) lineage = mdk_lineage_new (MDK_LINEAGE_DEFAULT_RECORDS);

      if (!mdk_lineage_add_json (lineage, lineage_node, "state.lineage", error))
        return NULL;
      mdk_run_set_lineage (run, lineage);
    }

  mdk_run_restore_solved (run, solved, solved_evaluations, solved_generation);
  mdk_run_restore (run, generation, evaluations, seconds,
                   (const MdkGenerationStats *) (gpointer) rows->data, rows->len);
  return g_steal_pointer (&run);
}

MdkRun *
mdk_run_state_load_project (MdkProject  *project,
                            GError     **error)
{
  g_return_val_if_fail (project != NULL, NULL);

  if (mdk_project_get_state (project) == NULL)
    {
      g_set_error_literal (error, MDK_PROJECT_ERROR, MDK_PROJECT_ERROR_INVALID,
                           _("The project holds no experiment"));
      return NULL;
    }
  return mdk_run_state_load (mdk_project_get_state (project), error);
}
