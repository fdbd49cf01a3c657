/* Resume: a run's state to JSON and back continues bit for bit (issue 5). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mdk-map-elites.h"
#include "mdk-neat.h"
#include "mdk-project.h"
#include "mdk-run-state.h"

#define N_FIRST 7
#define N_MORE 9

static MdkExperiment *
make_experiment_for (const MdkTaskClass      *task_class,
                     const MdkOptimizerClass *optimizer_class)
{
  MdkExperiment *e = mdk_experiment_new (task_class, optimizer_class);

  e->seed = 12345;
  e->threads = 2;
  e->stop.max_generations = 0;
  e->stop.stop_on_solved = FALSE;
  return e;
}

static MdkExperiment *
make_experiment (const MdkTaskClass *task_class)
{
  return make_experiment_for (task_class, &mdk_neat_class);
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
  g_autoptr(MdkLineage) lineage = mdk_lineage_new (MDK_LINEAGE_DEFAULT_RECORDS);
  g_autoptr(JsonNode) state = NULL;

  g_assert_no_error (error);
  mdk_run_set_lineage (run, lineage);
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

/* Species sizes of every generation, equal in both runs (none for an
 * algorithm without species). */
static void
assert_same_species (const MdkRun *a,
                     const MdkRun *b)
{
  GArray *rows = mdk_run_get_history (a);
  gboolean has_species = mdk_run_get_optimizer (a)->klass->get_species != NULL;

  for (guint g = 0; g < rows->len; g++)
    {
      guint na, nb;
      const MdkSpeciesSample *sa = mdk_run_get_species_sizes (a, g, &na);
      const MdkSpeciesSample *sb = mdk_run_get_species_sizes (b, g, &nb);

      g_assert_cmpuint (na > 0, ==, has_species);
      g_assert_cmpuint (na, ==, nb);
      for (guint i = 0; i < na; i++)
        {
          g_assert_cmpuint (sa[i].species_id, ==, sb[i].species_id);
          g_assert_cmpuint (sa[i].size, ==, sb[i].size);
          g_assert_cmpfloat (sa[i].best_fitness, ==, sb[i].best_fitness);
        }
    }
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
  assert_same_species (b, c);
  g_assert_cmpuint (mdk_run_get_evaluations (b), ==, mdk_run_get_evaluations (c));
  champion_b = mdk_run_champion_to_json (b);
  champion_c = mdk_run_champion_to_json (c);
  g_assert_cmpstr (champion_b, ==, champion_c);
  g_assert_true (mdk_run_is_solved (b, NULL, NULL) == mdk_run_is_solved (c, NULL, NULL));
  return g_steal_pointer (&c);
}

static void
check_resume_with (const MdkTaskClass      *task_class,
                   const MdkOptimizerClass *optimizer_class,
                   guint                    n_first)
{
  g_autoptr(MdkExperiment) e = make_experiment_for (task_class, optimizer_class);
  g_autoptr(MdkRun) run = check_resume_experiment (e, n_first);
}

static void
check_resume (const MdkTaskClass *task_class,
              guint               n_first)
{
  check_resume_with (task_class, &mdk_neat_class, n_first);
}

/* The short single pole: a task with a behaviour descriptor, for
 * MAP-Elites and novelty search. */
static MdkExperiment *
make_pole_experiment (const MdkOptimizerClass *optimizer_class)
{
  MdkExperiment *e = make_experiment_for (&mdk_task_pole_class, optimizer_class);
  const MdkParamSpec *steps = mdk_param_table_lookup (mdk_task_pole_class.params,
                                                      mdk_task_pole_class.n_params, "steps");

  g_assert_true (mdk_param_set_from_string (steps, e->task_params, "500", NULL));
  return e;
}

/* Every other algorithm resumes exactly too, from its first generation or a
 * later one, and its loaded state saves back to the same tree (MAP-Elites
 * on the pole: it needs a behaviour descriptor). */
static void
test_resume_every_algorithm (void)
{
  guint n_classes;
  const MdkOptimizerClass * const *classes = mdk_optimizer_classes (&n_classes);

  for (guint c = 0; c < n_classes; c++)
    {
      gboolean needs_behaviour = classes[c] == &mdk_map_elites_class;
      g_autoptr(MdkExperiment) e = needs_behaviour ? make_pole_experiment (classes[c])
                                                   : make_experiment_for (&mdk_task_xor_class, classes[c]);
      g_autoptr(JsonNode) state = state_after (e, 4);
      g_autoptr(GError) error = NULL;
      g_autoptr(MdkRun) run = mdk_run_state_load (state, &error);
      g_autoptr(JsonNode) again = NULL;

      g_test_message ("%s", classes[c]->id);
      g_assert_no_error (error);
      again = mdk_run_state_save (run);
      g_assert_true (json_node_equal (state, again));
      if (needs_behaviour)
        {
          mdk_run_free (check_resume_experiment (e, 0));
          mdk_run_free (check_resume_experiment (e, N_FIRST));
          continue;
        }
      check_resume_with (&mdk_task_xor_class, classes[c], 0);
      check_resume_with (&mdk_task_classify_class, classes[c], N_FIRST);
    }
}

/* Novelty search resumes exactly: its archive, threshold and random
 * numbers are in the state (pure novelty with NEAT, a mix with the GA,
 * random archive additions). */
static void
test_resume_novelty (void)
{
  static const struct { const char *algorithm; int objective; int rule; } cases[] = {
    { "neat", MDK_OBJECTIVE_NOVELTY, MDK_ARCHIVE_THRESHOLD },
    { "ga", MDK_OBJECTIVE_MIX, MDK_ARCHIVE_THRESHOLD },
    { "neat", MDK_OBJECTIVE_NOVELTY, MDK_ARCHIVE_RANDOM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MdkExperiment) e = make_pole_experiment (mdk_optimizer_class_lookup (cases[i].algorithm));
      g_autoptr(JsonNode) state = NULL;
      g_autoptr(JsonNode) again = NULL;
      g_autoptr(MdkRun) run = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *novelty;

      e->objective.objective = cases[i].objective;
      e->objective.archive_rule = cases[i].rule;
      e->objective.add_probability = 0.05;
      mdk_run_free (check_resume_experiment (e, N_FIRST));

      state = state_after (e, 3);
      run = mdk_run_state_load (state, &error);
      g_assert_no_error (error);
      again = mdk_run_state_save (run);
      g_assert_true (json_node_equal (state, again));
      g_clear_pointer (&run, mdk_run_free);

      /* A damaged archive names its place. */
      novelty = json_object_get_object_member (json_node_get_object (state), "novelty");
      g_assert_nonnull (novelty);
      json_object_set_string_member (novelty, "rng", "dice");
      run = mdk_run_state_load (state, &error);
      g_assert_null (run);
      g_assert_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "state.novelty: “rng”"));
    }
}

/* An evolution strategy's damaged state names the place too. */
static void
test_corrupt_es (void)
{
  g_autoptr(MdkExperiment) e = make_experiment_for (&mdk_task_xor_class, mdk_optimizer_class_lookup ("cmaes"));
  g_autoptr(JsonNode) state = state_after (e, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRun) run = NULL;
  JsonObject *strategy = json_object_get_object_member (json_object_get_object_member (json_node_get_object (state),
                                                                                      "optimizer"), "strategy");

  json_object_set_string_member (strategy, "sigma", "wide");
  run = mdk_run_state_load (state, &error);
  g_assert_null (run);
  g_assert_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "state.optimizer.strategy: “sigma” must be a number"));
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

/* A task with a solution test (a short double pole without velocities,
 * solved within the run): the species already tested are part of the state,
 * so the resumed run tests the same genomes and solves at the same
 * evaluation. */
static void
test_resume_double_pole_nv (void)
{
  g_autoptr(MdkExperiment) e = make_experiment (&mdk_task_double_pole_nv_class);
  const MdkTaskClass *k = &mdk_task_double_pole_nv_class;
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(MdkRun) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_assert_true (mdk_param_set_from_string (mdk_param_table_lookup (k->params, k->n_params, "steps"),
                                            e->task_params, "2000", NULL));
  g_assert_true (mdk_param_set_from_string (mdk_param_table_lookup (k->params, k->n_params, "starts_to_pass"),
                                            e->task_params, "5", NULL));
  /* Settings under which seed 2 solves in generation 10. */
  ((MdkNeatParams *) e->optimizer_params)->population_size = 100;
  ((MdkNeatParams *) e->optimizer_params)->weight_perturb_power = 2.5;
  ((MdkNeatParams *) e->optimizer_params)->target_species = 0;
  e->seed = 2;
  mdk_run_free (check_resume_experiment (e, N_FIRST));

  /* Solved after the resume point. */
  {
    g_autoptr(JsonNode) end = state_after (e, N_FIRST + N_MORE);
    JsonObject *o = json_node_get_object (end);

    g_assert_true (json_object_get_boolean_member (o, "solved"));
    g_assert_cmpint (json_object_get_int_member (o, "solved_generation"), >=, N_FIRST);
  }

  state = state_after (e, N_FIRST);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (state),
                                                                        "checked_species")), >, 0);
  again = mdk_run_state_load (state, &error);
  g_assert_no_error (error);
  mdk_run_get_checked_species (again, &n);
  g_assert_cmpuint (n, >, 0);
  {
    g_autoptr(JsonNode) saved = mdk_run_state_save (again);

    g_assert_true (json_node_equal (state, saved));
  }
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

/* Each generation's species hold the whole population; a state of an
 * earlier version, without them, loads with none and records from there. */
static void
test_species_sizes (void)
{
  g_autoptr(MdkExperiment) e = make_experiment (mdk_task_class_lookup ("xor"));
  g_autoptr(JsonNode) state = state_after (e, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRun) run = mdk_run_state_load (state, &error);
  g_autoptr(MdkRun) old = NULL;
  guint n;

  g_assert_no_error (error);
  for (guint g = 0; g < 4; g++)
    {
      const MdkSpeciesSample *samples = mdk_run_get_species_sizes (run, g, &n);
      guint total = 0;

      g_assert_nonnull (samples);
      for (guint i = 0; i < n; i++)
        total += samples[i].size;
      g_assert_cmpuint (total, ==, 150);
    }
  g_assert_null (mdk_run_get_species_sizes (run, 4, &n));
  g_assert_cmpuint (n, ==, 0);

  json_object_remove_member (json_node_get_object (state), "species_sizes");
  old = mdk_run_state_load (state, &error);
  g_assert_no_error (error);
  mdk_run_step (old);
  mdk_run_step (run);
  for (guint g = 0; g < 4; g++)
    g_assert_null (mdk_run_get_species_sizes (old, g, &n));
  {
    guint n_run;
    const MdkSpeciesSample *a = mdk_run_get_species_sizes (old, 4, &n);
    const MdkSpeciesSample *b = mdk_run_get_species_sizes (run, 4, &n_run);

    g_assert_cmpuint (n, ==, n_run);
    g_assert_cmpuint (n, >, 0);
    g_assert_cmpmem (a, n * sizeof *a, b, n_run * sizeof *b);
  }
}

/* The species' JSON text, champions included, as the views see them. */
static char *
species_to_text (MdkRun *run)
{
  MdkOptimizer *opt = mdk_run_get_optimizer (run);
  GArray *species = opt->klass->get_species (opt);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < species->len; i++)
    {
      const MdkSpeciesInfo *s = &g_array_index (species, MdkSpeciesInfo, i);
      g_autoptr(JsonNode) champion = opt->klass->genome_to_json (opt, s->champion);
      g_autofree char *doc = json_to_string (champion, FALSE);

      g_string_append_printf (text, "%u %u %.17g %.17g %u %u %u %s\n", s->id, s->size, s->best_fitness,
                              s->mean_fitness, s->age, s->since_improved, s->offspring, doc);
    }
  return g_string_free (text, FALSE);
}

/* A loaded run shows the species of its last generation (with their
 * champions) before it goes on; a state without them (older files) loads
 * with none; the next generation replaces them as usual. */
static void
test_last_species (void)
{
  g_autoptr(MdkExperiment) e = make_experiment (mdk_task_class_lookup ("xor"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRun) run = mdk_run_new (e, &error);
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(MdkRun) loaded = NULL, old = NULL;
  g_autofree char *before = NULL, *after = NULL, *next_run = NULL, *next_loaded = NULL;
  MdkOptimizer *opt;

  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    mdk_run_step (run);
  before = species_to_text (run);
  g_assert_cmpuint (strlen (before), >, 0);
  state = round_trip (mdk_run_state_save (run));
  loaded = mdk_run_state_load (state, &error);
  g_assert_no_error (error);
  after = species_to_text (loaded);
  g_assert_cmpstr (after, ==, before);

  mdk_run_step (run);
  mdk_run_step (loaded);
  next_run = species_to_text (run);
  next_loaded = species_to_text (loaded);
  g_assert_cmpstr (next_loaded, ==, next_run);
  g_assert_cmpstr (next_loaded, !=, before);

  json_object_remove_member (json_object_get_object_member (json_node_get_object (state), "optimizer"),
                             "last_species");
  old = mdk_run_state_load (state, &error);
  g_assert_no_error (error);
  opt = mdk_run_get_optimizer (old);
  g_assert_cmpuint (opt->klass->get_species (opt)->len, ==, 0);
}

/* A run that records its lineage saves the records its last generation
 * descends from; the loaded run answers the same ancestry questions and
 * goes on recording. */
static void
test_lineage (void)
{
  g_autoptr(MdkExperiment) e = make_experiment (mdk_task_class_lookup ("xor"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRun) run = mdk_run_new (e, &error);
  g_autoptr(MdkLineage) lineage = mdk_lineage_new (MDK_LINEAGE_DEFAULT_RECORDS);
  g_autoptr(JsonNode) saved = NULL, state = NULL;
  g_autoptr(MdkRun) loaded = NULL;
  MdkOptimizer *opt;
  gconstpointer *genomes;
  MdkLineage *again;
  guint n, size;

  g_assert_no_error (error);
  mdk_run_set_lineage (run, lineage);
  for (guint i = 0; i < 12; i++)
    mdk_run_step (run);
  saved = mdk_run_state_save (run);
  state = round_trip (saved);
  g_assert_nonnull (json_object_get_member (json_node_get_object (state), "lineage"));
  loaded = mdk_run_state_load (state, &error);
  g_assert_no_error (error);
  again = mdk_run_get_lineage (loaded);
  g_assert_nonnull (again);
  /* Only what the population descends from: fewer than all evaluated. */
  g_assert_cmpuint (mdk_lineage_get_size (again), <, mdk_lineage_get_size (lineage));
  g_assert_cmpuint (mdk_lineage_get_size (again), >, 12);

  opt = mdk_run_get_optimizer (run);
  n = opt->klass->get_evaluated (opt, &genomes);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      MdkGenomeInfo info;
      g_autoptr(GArray) a = NULL, b = NULL;

      opt->klass->describe (opt->klass, genomes[i], &info);
      a = mdk_lineage_ancestors (lineage, info.id, G_MAXUINT);
      b = mdk_lineage_ancestors (again, info.id, G_MAXUINT);
      g_assert_cmpuint (a->len, ==, b->len);
      g_assert_cmpuint (a->len, >, 1);
      for (guint k = 0; k < a->len; k++)
        g_assert_cmpmem (&g_array_index (a, MdkLineageEntry, k), sizeof (MdkLineageEntry),
                         &g_array_index (b, MdkLineageEntry, k), sizeof (MdkLineageEntry));
    }

  size = mdk_lineage_get_size (again);
  mdk_run_step (loaded);
  g_assert_cmpuint (mdk_lineage_get_size (again), >, size);
}

/* A project saved by Medaka 0.1.0 (run state version 1, the population as
 * genome documents) continues exactly as a straight run. */
static void
test_version1_state (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "projects",
                                                 "valid-state-v1.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkProject) project = mdk_project_load (file, &error);
  g_autoptr(MdkRun) resumed = NULL, straight = NULL;
  g_autoptr(MdkExperiment) e = mdk_experiment_new (mdk_task_class_lookup ("xor"), &mdk_neat_class);
  MdkStopParams stop;

  g_assert_no_error (error);
  resumed = mdk_run_state_load (mdk_project_get_state (project), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mdk_run_get_generation (resumed), ==, 3);

  /* As made: medaka-cli run -t xor -g 3 -p population_size=30 -s 7 -j 1 */
  ((MdkNeatParams *) e->optimizer_params)->population_size = 30;
  e->seed = 7;
  e->threads = 1;
  e->stop.max_generations = 6;
  straight = mdk_run_new (e, &error);
  g_assert_no_error (error);
  stop = e->stop;
  mdk_run_set_stop (resumed, &stop);
  while (mdk_run_step (straight) == NULL)
    ;
  while (mdk_run_step (resumed) == NULL)
    ;
  g_assert_cmpuint (mdk_run_get_generation (resumed), ==, 6);
  assert_same_history (straight, resumed);
}

/* History rows made before phased search have no phase column, whether
 * the algorithm's own statistics follow (an evolution strategy's, as main
 * saved them) or not: they load as none, the statistics in their place.  A
 * phase out of range or a row of another length is refused. */
static void
test_rows_without_phase (void)
{
  g_autoptr(MdkExperiment) e = make_experiment_for (&mdk_task_xor_class, mdk_optimizer_class_lookup ("cmaes"));
  g_autoptr(JsonNode) state = state_after (e, 3);
  g_autoptr(JsonNode) old = round_trip (state);   /* a deep copy */
  JsonArray *rows = json_object_get_array_member (json_node_get_object (old), "history");
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRun) a = mdk_run_state_load (state, &error);
  g_autoptr(MdkRun) b = NULL;
  GArray *ha, *hb;

  g_assert_no_error (error);
  g_assert_cmpuint (mdk_run_get_optimizer (a)->klass->n_stats, >, 0);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);

      g_assert_cmpint (json_array_get_int_element (row, 16), ==, MDK_SEARCH_PHASE_NONE);
      json_array_remove_element (row, 16);
    }
  b = mdk_run_state_load (old, &error);
  g_assert_no_error (error);
  ha = mdk_run_get_history (a);
  hb = mdk_run_get_history (b);
  g_assert_cmpuint (ha->len, ==, 3);
  g_assert_cmpuint (hb->len, ==, ha->len);
  for (guint i = 0; i < ha->len; i++)
    {
      const MdkGenerationStats *ra = &g_array_index (ha, MdkGenerationStats, i);
      const MdkGenerationStats *rb = &g_array_index (hb, MdkGenerationStats, i);

      g_assert_true (mdk_stats_same_outcome (ra, rb));
      g_assert_cmpfloat (rb->extra[0], >, 0.0);   /* CMA-ES's step size */
      g_assert_cmpint (rb->phase, ==, MDK_SEARCH_PHASE_NONE);
    }

  json_array_remove_element (json_array_get_array_element (rows, 1), 0);
  g_clear_pointer (&b, mdk_run_free);
  b = mdk_run_state_load (old, &error);
  g_assert_null (b);
  g_assert_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "state.history[1]: must be an array of 20 numbers"));
  g_clear_error (&error);

  /* A phase beyond simplify. */
  rows = json_object_get_array_member (json_node_get_object (state), "history");
  json_node_set_int (json_array_get_element (json_array_get_array_element (rows, 2), 16),
                     MDK_SEARCH_PHASE_SIMPLIFY + 1);
  b = mdk_run_state_load (state, &error);
  g_assert_null (b);
  g_assert_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "state.history[2]"));
}

/* Corrupt states: an error that names the place, no run. */
typedef void (*Corrupt) (JsonObject *state);

/* The population is packed (mdk-neat-pack.h): columns of base64 data. */
static JsonObject *
packed_group (JsonObject *state,
              const char *group)
{
  JsonObject *opt = json_object_get_object_member (state, "optimizer");
  return json_object_get_object_member (json_object_get_object_member (opt, "population"), group);
}

static guint8 *
get_column (JsonObject *state,
            const char *group,
            const char *column,
            gsize      *len)
{
  return g_base64_decode (json_object_get_string_member (packed_group (state, group), column), len);
}

static void
set_column (JsonObject   *state,
            const char   *group,
            const char   *column,
            const guint8 *data,
            gsize         len)
{
  g_autofree char *text = g_base64_encode (data, len);
  json_object_set_string_member (packed_group (state, group), column, text);
}

/* Index of genome @genome's gene @gene in a node or connection column. */
static gsize
gene_index (JsonObject *state,
            const char *group,
            guint       genome,
            guint       gene)
{
  gsize len, index = gene;
  g_autofree guint8 *counts = get_column (state, "genomes", group, &len);

  for (guint i = 0; i < genome; i++)
    index += GUINT32_FROM_LE (((guint32 *) counts)[i]);
  return index;
}

static void
corrupt_weight (JsonObject *state)
{
  gsize len, at = gene_index (state, "connections", 12, 1);
  g_autofree guint8 *weights = get_column (state, "connections", "weight", &len);
  double nan = NAN;

  memcpy (weights + 8 * at, &nan, 8);   /* little-endian hosts only, as our CI */
  set_column (state, "connections", "weight", weights, len);
}

static void
corrupt_node_type (JsonObject *state)
{
  gsize len, at = gene_index (state, "nodes", 4, 0);
  g_autofree guint8 *types = get_column (state, "nodes", "type", &len);

  types[at] = 3;   /* "hidden" in the names table */
  set_column (state, "nodes", "type", types, len);
}

static void
corrupt_column_length (JsonObject *state)
{
  gsize len;
  g_autofree guint8 *bias = get_column (state, "nodes", "bias", &len);

  set_column (state, "nodes", "bias", bias, len - 8);
}

static void
corrupt_base64 (JsonObject *state)
{
  JsonObject *genomes = packed_group (state, "genomes");
  g_autofree char *text = g_strdup (json_object_get_string_member (genomes, "fitness"));

  text[5] = '!';
  json_object_set_string_member (genomes, "fitness", text);
}

static void
corrupt_activation_name (JsonObject *state)
{
  JsonObject *names = packed_group (state, "names");
  JsonArray *arr = json_object_get_array_member (names, "activation");
  JsonNode *el = json_array_get_element (arr, 2);

  json_node_set_string (el, "sparkle");
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
corrupt_species_count (JsonObject *state)
{
  JsonObject *sizes = json_object_get_object_member (state, "species_sizes");
  json_object_set_int_member (sizes, "count", json_object_get_int_member (sizes, "count") + 1);
}

static void
corrupt_species_generations (JsonObject *state)
{
  json_object_remove_member (json_object_get_object_member (state, "species_sizes"), "generations");
}

static void
corrupt_lineage (JsonObject *state)
{
  JsonObject *lineage = json_object_get_object_member (state, "lineage");
  json_object_set_int_member (lineage, "count", json_object_get_int_member (lineage, "count") + 1);
}

static void
corrupt_last_species (JsonObject *state)
{
  JsonObject *opt = json_object_get_object_member (state, "optimizer");
  JsonArray *rows = json_object_get_array_member (json_object_get_object_member (opt, "last_species"), "species");
  json_array_remove_element (rows, 0);
}

static void
corrupt_last_species_row (JsonObject *state)
{
  JsonObject *opt = json_object_get_object_member (state, "optimizer");
  JsonArray *rows = json_object_get_array_member (json_object_get_object_member (opt, "last_species"), "species");
  json_object_set_string_member (json_array_get_object_element (rows, 1), "age", "old");
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
                 "state.optimizer.population[12]: Connection");
  check_corrupt (corrupt_node_type, MDK_RUN_STATE_ERROR,
                 "state.optimizer.population[4]: Node 0 should be of type “input”");
  check_corrupt (corrupt_column_length, MDK_RUN_STATE_ERROR,
                 "state.optimizer.population.nodes: “bias” does not hold");
  check_corrupt (corrupt_base64, MDK_RUN_STATE_ERROR,
                 "state.optimizer.population.genomes: “fitness” is not base64 data");
  check_corrupt (corrupt_activation_name, MDK_RUN_STATE_ERROR,
                 "state.optimizer.population.names.activation[2]: unknown name “sparkle”");
  check_corrupt (corrupt_unknown_param, MDK_PARAM_ERROR, "no_such_parameter");
  check_corrupt (corrupt_range, MDK_PARAM_ERROR, "state.experiment.algorithm_params.population_size");
  check_corrupt (corrupt_representative, MDK_RUN_STATE_ERROR,
                 "state.optimizer.species[0]: “representative” is missing");
  check_corrupt (corrupt_history, MDK_RUN_STATE_ERROR, "state.history[2]");
  check_corrupt (corrupt_species_count, MDK_RUN_STATE_ERROR, "state.species_sizes");
  check_corrupt (corrupt_species_generations, MDK_RUN_STATE_ERROR, "state.species_sizes");
  check_corrupt (corrupt_lineage, MDK_RUN_STATE_ERROR, "state.lineage.records: “id” does not hold");
  check_corrupt (corrupt_last_species, MDK_RUN_STATE_ERROR, "state.optimizer.last_species: “champions” must have");
  check_corrupt (corrupt_last_species_row, MDK_RUN_STATE_ERROR, "state.optimizer.last_species.species[1]");
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
  g_test_add_func ("/core/run-state/resume-double-pole-nv", test_resume_double_pole_nv);
  g_test_add_func ("/core/run-state/save-again", test_save_again);
  g_test_add_func ("/core/run-state/resume-every-algorithm", test_resume_every_algorithm);
  g_test_add_func ("/core/run-state/corrupt-es", test_corrupt_es);
  g_test_add_func ("/core/run-state/resume-novelty", test_resume_novelty);
  g_test_add_func ("/core/run-state/species-sizes", test_species_sizes);
  g_test_add_func ("/core/run-state/version1", test_version1_state);
  g_test_add_func ("/core/run-state/rows-without-phase", test_rows_without_phase);
  g_test_add_func ("/core/run-state/lineage", test_lineage);
  g_test_add_func ("/core/run-state/last-species", test_last_species);
  g_test_add_func ("/core/run-state/corrupt", test_corrupt);
  g_test_add_func ("/core/run-state/doubles", test_doubles);
  return g_test_run ();
}
