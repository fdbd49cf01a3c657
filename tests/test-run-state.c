/* Resume: a run's state to JSON and back continues bit for bit (issue 5). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mdk-neat.h"
#include "mdk-run-state.h"

#define N_FIRST 7
#define N_MORE 9

static MdkExperiment *
make_experiment (const MdkTaskClass *task_class)
{
  MdkExperiment *e = mdk_experiment_new (task_class, &mdk_neat_class);

  e->seed = 12345;
  e->threads = 2;
  e->stop.max_generations = 0;
  e->stop.stop_on_solved = FALSE;
  return e;
}

/* The state through its text form, as a file would hold it. */
static JsonNode *
round_trip (JsonNode *state)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  json_generator_set_root (gen, state);
  text = json_generator_to_data (gen, NULL);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
state_after (const MdkExperiment *e,
             guint                n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRun) run = mdk_run_new (e, &error);
  g_autoptr(JsonNode) state = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    mdk_run_step (run);
  state = mdk_run_state_save (run);
  return round_trip (state);
}

static void
assert_same_history (const MdkRun *a,
                     const MdkRun *b)
{
  GArray *ha = mdk_run_get_history (a), *hb = mdk_run_get_history (b);

  g_assert_cmpuint (ha->len, ==, hb->len);
  for (guint i = 0; i < ha->len; i++)
    g_assert_true (mdk_stats_same_outcome (&g_array_index (ha, MdkGenerationStats, i),
                                           &g_array_index (hb, MdkGenerationStats, i)));
}

/* Runs @e for n_first generations, saves, loads and runs N_MORE more: the
 * same as n_first + N_MORE straight.  Returns the straight run. */
static MdkRun *
check_resume_experiment (const MdkExperiment *e,
                         guint                n_first)
{
  g_autoptr(JsonNode) state = state_after (e, n_first);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRun) b = mdk_run_state_load (state, &error);
  g_autoptr(MdkRun) c = mdk_run_new (e, &error);
  g_autofree char *champion_b = NULL, *champion_c = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (b);
  g_assert_cmpuint (mdk_run_get_generation (b), ==, n_first);
  g_assert_cmpuint (mdk_run_get_history (b)->len, ==, n_first);
  for (guint i = 0; i < N_MORE; i++)
    mdk_run_step (b);
  for (guint i = 0; i < n_first + N_MORE; i++)
    mdk_run_step (c);

  assert_same_history (b, c);
  g_assert_cmpuint (mdk_run_get_evaluations (b), ==, mdk_run_get_evaluations (c));
  champion_b = mdk_run_champion_to_json (b);
  champion_c = mdk_run_champion_to_json (c);
  g_assert_cmpstr (champion_b, ==, champion_c);
  g_assert_true (mdk_run_is_solved (b, NULL, NULL) == mdk_run_is_solved (c, NULL, NULL));
  return g_steal_pointer (&c);
}

static void
check_resume (const MdkTaskClass *task_class,
              guint               n_first)
{
  g_autoptr(MdkExperiment) e = make_experiment (task_class);
  g_autoptr(MdkRun) run = check_resume_experiment (e, n_first);
}

static void
test_resume_xor (void)
{
  check_resume (mdk_task_class_lookup ("xor"), N_FIRST);
}

static void
test_resume_classify (void)
{
  check_resume (&mdk_task_classify_class, N_FIRST);
}

static void
test_resume_start (void)
{
  check_resume (mdk_task_class_lookup ("xor"), 0);
}

/* Backprop-NEAT with phased search: the learned weights are in the saved
 * genomes and the phase with its counters in the optimizer's state.  The
 * save falls inside a simplifying phase, and the run changes phase both
 * before and after it. */
static void
test_resume_backprop_phased (void)
{
  g_autoptr(MdkExperiment) e = make_experiment (&mdk_task_classify_class);
  MdkNeatParams *p = e->optimizer_params;
  g_autoptr(MdkRun) run = NULL;
  GArray *history;
  guint changes = 0;

  p->population_size = 40;
  p->backprop_steps = 10;
  p->add_node_rate = 0.3;
  p->add_connection_rate = 0.5;
  p->search_mode = MDK_NEAT_SEARCH_PHASED;
  p->phase_complexity_ceiling = 2;
  p->phase_simplify_generations = 1;
  p->phase_delete_rate = 0.2;
  run = check_resume_experiment (e, N_FIRST);
  history = mdk_run_get_history (run);
  for (guint i = 1; i < history->len; i++)
    changes += g_array_index (history, MdkGenerationStats, i).phase !=
               g_array_index (history, MdkGenerationStats, i - 1).phase;
  g_assert_cmpuint (g_array_index (history, MdkGenerationStats, N_FIRST).phase, ==, MDK_SEARCH_PHASE_SIMPLIFY);
  g_assert_cmpuint (changes, >=, 2);
}

/* Saving the loaded state again gives the same tree. */
static void
test_save_again (void)
{
  g_autoptr(MdkExperiment) e = make_experiment (mdk_task_class_lookup ("xor"));
  g_autoptr(JsonNode) state = state_after (e, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRun) run = mdk_run_state_load (state, &error);
  g_autoptr(JsonNode) again = NULL;

  g_assert_no_error (error);
  again = mdk_run_state_save (run);
  g_assert_true (json_node_equal (state, again));
}

/* Corrupt states: an error that names the place, no run. */
typedef void (*Corrupt) (JsonObject *state);

static JsonObject *
population_genome (JsonObject *state,
                   guint       i)
{
  JsonObject *opt = json_object_get_object_member (state, "optimizer");
  return json_array_get_object_element (json_object_get_array_member (opt, "population"), i);
}

static void
corrupt_weight (JsonObject *state)
{
  JsonArray *conns = json_object_get_array_member (population_genome (state, 12), "connections");
  json_object_set_string_member (json_array_get_object_element (conns, 1), "weight", "heavy");
}

static void
corrupt_unknown_param (JsonObject *state)
{
  JsonObject *e = json_object_get_object_member (state, "experiment");
  json_object_set_string_member (json_object_get_object_member (e, "algorithm_params"),
                                 "no_such_parameter", "1");
}

static void
corrupt_range (JsonObject *state)
{
  JsonObject *e = json_object_get_object_member (state, "experiment");
  json_object_set_string_member (json_object_get_object_member (e, "algorithm_params"),
                                 "population_size", "-5");
}

static void
corrupt_inputs (JsonObject *state)
{
  json_object_set_int_member (population_genome (state, 4), "inputs", 3);
}

static void
corrupt_representative (JsonObject *state)
{
  JsonObject *opt = json_object_get_object_member (state, "optimizer");
  JsonArray *species = json_object_get_array_member (opt, "species");
  json_object_remove_member (json_array_get_object_element (species, 0), "representative");
}

static void
corrupt_history (JsonObject *state)
{
  JsonArray *rows = json_object_get_array_member (state, "history");
  json_array_remove_element (json_array_get_array_element (rows, 2), 4);
}

static void
check_corrupt (Corrupt      corrupt,
               GQuark       domain,
               const char  *needle)
{
  g_autoptr(MdkExperiment) e = make_experiment (mdk_task_class_lookup ("xor"));
  g_autoptr(JsonNode) state = state_after (e, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRun) run = NULL;

  corrupt (json_node_get_object (state));
  run = mdk_run_state_load (state, &error);
  g_assert_null (run);
  g_assert_error (error, domain, error->code);
  g_test_message ("%s", error->message);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not name “%s”", error->message, needle);
}

static void
test_corrupt (void)
{
  check_corrupt (corrupt_weight, MDK_RUN_STATE_ERROR,
                 "state.optimizer.population[12].connections[1]: “weight” must be a number");
  check_corrupt (corrupt_unknown_param, MDK_PARAM_ERROR, "no_such_parameter");
  check_corrupt (corrupt_range, MDK_PARAM_ERROR, "state.experiment.algorithm_params.population_size");
  check_corrupt (corrupt_inputs, MDK_RUN_STATE_ERROR, "state.optimizer.population[4]");
  check_corrupt (corrupt_representative, MDK_RUN_STATE_ERROR,
                 "state.optimizer.species[0]: “representative” is missing");
  check_corrupt (corrupt_history, MDK_RUN_STATE_ERROR, "state.history[2]");
}

/* Doubles survive the text form exactly, including those json-glib prints
 * badly as numbers. */
static void
test_doubles (void)
{
  const double values[] = { 0.1, -0.0, 1e21, 5e-324, 1.7976931348623157e308, -INFINITY, 1.0 / 3 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(JsonNode) node = mdk_run_state_double_node (values[i]);
      g_autoptr(JsonObject) obj = json_object_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) back = NULL;
      g_autoptr(GError) error = NULL;
      double v;

      json_object_set_member (obj, "x", json_node_ref (node));
      json_node_set_object (root, obj);
      back = round_trip (root);
      g_assert_true (mdk_run_state_get_double (json_node_get_object (back), "x", "t", &v, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (&v, sizeof v, &values[i], sizeof v);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/run-state/resume-xor", test_resume_xor);
  g_test_add_func ("/core/run-state/resume-classify", test_resume_classify);
  g_test_add_func ("/core/run-state/resume-start", test_resume_start);
  g_test_add_func ("/core/run-state/resume-backprop-phased", test_resume_backprop_phased);
  g_test_add_func ("/core/run-state/save-again", test_save_again);
  g_test_add_func ("/core/run-state/corrupt", test_corrupt);
  g_test_add_func ("/core/run-state/doubles", test_doubles);
  return g_test_run ();
}
