/* Tests for the NEAT optimizer driven through ask/tell with chosen fitness:
 * population size, offspring allotment, elitism, stagnation, non-finite
 * fitness, the dynamic threshold, determinism and parameters (Stanley &
 * Miikkulainen 2002). */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include "mdk-neat.h"
#include "mdk-optimizer.h"
#include "mdk-task.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* A task the optimizer only needs for its shape: the tests tell fitness
 * values themselves. */
typedef struct
{
  int unused;
} FakeTaskParams;

static gboolean
fake_init (MdkTask  *task,
           GError  **error)
{
  static const char * const inputs[] = { "a", "b", "c" };
  static const char * const outputs[] = { "y", "z" };

  mdk_task_set_names (task, inputs, G_N_ELEMENTS (inputs), outputs, G_N_ELEMENTS (outputs));
  return TRUE;
}

static void
fake_evaluate (const MdkTask *task,
               MdkNetwork    *net,
               MdkRng        *rng,
               MdkEvalResult *result)
{
  result->fitness = 0.0;
}

static const MdkTaskClass fake_task_class = {
  .id = "fake",
  .label = "Fake",
  .description = "A task for tests",
  .params_size = sizeof (FakeTaskParams),
  .deterministic = TRUE,
  .output_activation = MDK_ACTIVATION_TANH,
  .init = fake_init,
  .evaluate = fake_evaluate,
};

#define N_INPUTS 3
#define N_OUTPUTS 2

static MdkOptimizer *
neat_new (const MdkNeatParams *params,
          guint64              seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkTask) task = mdk_task_new (&fake_task_class, NULL, &error);
  MdkOptimizer *opt;

  g_assert_no_error (error);
  g_assert_cmpuint (task->n_inputs, ==, N_INPUTS);
  opt = mdk_optimizer_new (&mdk_neat_class, params, task, seed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (opt);
  return opt;
}

/* No structural or weight change at all: genomes stay exactly what the test
 * made them, so groups can be told apart by their weights. */
static void
frozen_params (MdkNeatParams *params)
{
  mdk_neat_params_init_defaults (params);
  params->weight_mutate_rate = 0.0;
  params->bias_mutate_rate = 0.0;
  params->add_node_rate = 0.0;
  params->add_connection_rate = 0.0;
  params->delete_connection_rate = 0.0;
  params->delete_node_rate = 0.0;
  params->toggle_enable_rate = 0.0;
  params->activation_mutate_rate = 0.0;
  params->interspecies_mating_rate = 0.0;
}

/* Structure grows quickly, so every reproduction path is taken. */
static void
busy_params (MdkNeatParams *params)
{
  mdk_neat_params_init_defaults (params);
  params->add_node_rate = 0.2;
  params->add_connection_rate = 0.3;
  params->delete_connection_rate = 0.02;
  params->delete_node_rate = 0.02;
  params->toggle_enable_rate = 0.05;
  params->activation_mutate_rate = 0.05;
  params->bias_mutate_rate = 0.2;
  params->interspecies_mating_rate = 0.05;
  params->compat_threshold = 1.0;
}

static void
set_weights (MdkNeatGenome *g,
             double         w)
{
  for (guint i = 0; i < g->n_conns; i++)
    g->conns[i].weight = w;
}

static gboolean
genes_equal (const MdkNeatGenome *a,
             const MdkNeatGenome *b)
{
  if (a->n_inputs != b->n_inputs || a->n_outputs != b->n_outputs ||
      a->n_nodes != b->n_nodes || a->n_conns != b->n_conns)
    return FALSE;
  for (guint i = 0; i < a->n_nodes; i++)
    if (a->nodes[i].id != b->nodes[i].id || a->nodes[i].type != b->nodes[i].type ||
        a->nodes[i].activation != b->nodes[i].activation || a->nodes[i].bias != b->nodes[i].bias)
      return FALSE;
  for (guint i = 0; i < a->n_conns; i++)
    if (a->conns[i].innovation != b->conns[i].innovation || a->conns[i].in != b->conns[i].in ||
        a->conns[i].out != b->conns[i].out || a->conns[i].enabled != b->conns[i].enabled ||
        a->conns[i].weight != b->conns[i].weight)
      return FALSE;
  return TRUE;
}

static guint
population_len (MdkOptimizer *opt)
{
  gconstpointer *genomes;

  return mdk_optimizer_ask (opt, &genomes);
}

/* Tells @fitness (one per genome of the current batch). */
static void
tell_fitness (MdkOptimizer *opt,
              const double *fitness,
              guint         n)
{
  g_autofree MdkEvalResult *results = g_new0 (MdkEvalResult, n);

  g_assert_cmpuint (population_len (opt), ==, n);
  for (guint i = 0; i < n; i++)
    {
      results[i].fitness = fitness[i];
      results[i].train_metric = NAN;
      results[i].test_metric = NAN;
    }
  mdk_optimizer_tell (opt, results, n);
}

static guint
total_offspring (MdkOptimizer *opt)
{
  GPtrArray *species = mdk_neat_get_species (opt);
  guint total = 0;

  for (guint s = 0; s < species->len; s++)
    total += ((MdkNeatSpecies *) species->pdata[s])->offspring;
  return total;
}

/* Innovation alignment over the whole run (see test-neat-genome.c). */
static void
record_alignment (GHashTable          *registry,
                  const MdkNeatGenome *g)
{
  for (guint i = 0; i < g->n_conns; i++)
    {
      gpointer key = GUINT_TO_POINTER (g->conns[i].innovation);
      guint64 pair = ((guint64) g->conns[i].in << 32) | g->conns[i].out;
      guint64 *known = g_hash_table_lookup (registry, key);

      if (known != NULL)
        g_assert_cmphex (*known, ==, pair);
      else
        g_hash_table_insert (registry, key, g_memdup2 (&pair, sizeof pair));
    }
}

static void
check_population_size (int      size,
                       guint    n_generations,
                       guint64  seed)
{
  MdkNeatParams params;
  MdkRng rng;
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autoptr(GHashTable) registry = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GHashTable) previous_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                               g_free, NULL);
  g_autofree double *fitness = g_new (double, size);
  guint64 max_previous_id = 0;
  MdkPopulationStats stats;

  busy_params (&params);
  params.population_size = size;
  opt = neat_new (&params, seed);
  mdk_rng_init (&rng, seed ^ 0x5eed);

  for (guint gen = 0; gen < n_generations; gen++)
    {
      gconstpointer *genomes;
      guint n = mdk_optimizer_ask (opt, &genomes);
      GPtrArray *pop = mdk_neat_get_population (opt);
      g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);

      g_assert_cmpuint (n, ==, (guint) size);
      g_assert_cmpuint (pop->len, ==, (guint) size);
      g_assert_cmpuint (mdk_neat_get_generation (opt), ==, gen);
      for (guint i = 0; i < n; i++)
        {
          const MdkNeatGenome *g = genomes[i];
          g_autoptr(GError) error = NULL;

          g_assert_true (g == pop->pdata[i]);
          mdk_neat_genome_validate (g, FALSE, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (g->n_inputs, ==, N_INPUTS);
          g_assert_cmpuint (g->n_outputs, ==, N_OUTPUTS);
          record_alignment (registry, g);

          /* Fresh, unique ids; parents from the previous generation. */
          g_assert_false (g_hash_table_contains (ids, &g->id));
          g_hash_table_add (ids, (gpointer) &g->id);
          g_assert_cmpuint (g->id, >, max_previous_id);
          g_assert_false (g->fitness_valid);
          g_assert_cmpuint (g->birth_generation, ==, gen);
          if (gen == 0)
            g_assert_cmpuint (g->origin, ==, MDK_NEAT_ORIGIN_INITIAL);
          else
            {
              g_assert_cmpuint (g->origin, !=, MDK_NEAT_ORIGIN_INITIAL);
              g_assert_true (g_hash_table_contains (previous_ids, &g->parent1));
              if (g->origin == MDK_NEAT_ORIGIN_CROSSOVER || g->origin == MDK_NEAT_ORIGIN_INTERSPECIES)
                g_assert_true (g_hash_table_contains (previous_ids, &g->parent2));
              else
                g_assert_cmpuint (g->parent2, ==, 0);
            }
        }

      g_hash_table_remove_all (previous_ids);
      for (guint i = 0; i < n; i++)
        {
          const MdkNeatGenome *g = genomes[i];
          g_hash_table_add (previous_ids, g_memdup2 (&g->id, sizeof g->id));
          max_previous_id = MAX (max_previous_id, g->id);
          /* Some negative fitness too, and ties. */
          fitness[i] = mdk_rng_below (&rng, 4) == 0 ? 1.0 : mdk_rng_range (&rng, -2.0, 10.0);
        }
      tell_fitness (opt, fitness, n);

      /* Every slot of the next generation is allotted. */
      g_assert_cmpuint (total_offspring (opt), ==, (guint) size);
      opt->klass->get_stats (opt, &stats);
      g_assert_cmpuint (stats.n_species, >=, mdk_neat_get_species (opt)->len);
      g_assert_cmpuint (stats.n_species, >=, 1);
    }
  g_assert_cmpuint (population_len (opt), ==, (guint) size);
}

static void
test_population_size (void)
{
  static const int sizes[] = { 2, 3, 7, 150, 151 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    check_population_size (sizes[i], sizes[i] > 100 ? 25 : 60, 1000 + i);
}

/* The species holding genomes of one group (told apart by weight). */
static MdkNeatSpecies *
species_of_id (MdkOptimizer *opt,
               guint32       id)
{
  GPtrArray *species = mdk_neat_get_species (opt);

  for (guint s = 0; s < species->len; s++)
    if (((MdkNeatSpecies *) species->pdata[s])->id == id)
      return species->pdata[s];
  return NULL;
}

/* Two species of different size and fitness; offspring ∝ mean fitness (the
 * summed explicitly shared fitness f/|S|, paper section 3.3). */
static void
test_population_offspring_allotment (void)
{
  const guint n = 100, n_a = 30;
  MdkNeatParams params;
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autofree double *fitness = g_new (double, n);
  g_autoptr(GHashTable) ids_a = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GPtrArray *pop;
  MdkNeatSpecies *sp_a = NULL, *sp_b = NULL;
  guint32 id_a = 0, id_b = 0;
  double share_a, share_b;
  guint from_a = 0;

  frozen_params (&params);
  params.population_size = n;
  params.compat_threshold = 1.0;
  opt = neat_new (&params, 7);

  /* Group A: weights 0; group B: weights 4, δ = 0.4 · 4 = 1.6 > 1. */
  pop = mdk_neat_get_population (opt);
  for (guint i = 0; i < n; i++)
    {
      MdkNeatGenome *g = pop->pdata[i];
      set_weights (g, i < n_a ? 0.0 : 4.0);
      /* Mean 2 in A with spread; 1 everywhere in B. */
      fitness[i] = i < n_a ? 1.5 + (i % 3) * 0.5 : 1.0;
      if (i < n_a)
        g_hash_table_add (ids_a, g_memdup2 (&g->id, sizeof g->id));
    }
  tell_fitness (opt, fitness, n);

  g_assert_cmpuint (mdk_neat_get_species (opt)->len, ==, 2);
  for (guint s = 0; s < 2; s++)
    {
      MdkNeatSpecies *sp = mdk_neat_get_species (opt)->pdata[s];
      const MdkNeatGenome *first = sp->members->pdata[0];

      if (first->conns[0].weight == 0.0)
        sp_a = sp;
      else
        sp_b = sp;
    }
  g_assert_nonnull (sp_a);
  g_assert_nonnull (sp_b);
  id_a = sp_a->id;
  id_b = sp_b->id;
  g_assert_cmpuint (id_a, !=, id_b);
  g_assert_cmpuint (sp_a->members->len, ==, n_a);
  g_assert_cmpuint (sp_b->members->len, ==, n - n_a);

  /* Members sorted fittest first; statistics of the raw fitness. */
  for (guint m = 1; m < sp_a->members->len; m++)
    g_assert_cmpfloat (((MdkNeatGenome *) sp_a->members->pdata[m - 1])->fitness, >=,
                       ((MdkNeatGenome *) sp_a->members->pdata[m])->fitness);
  for (guint m = 0; m < sp_a->members->len; m++)
    g_assert_cmpuint (((MdkNeatGenome *) sp_a->members->pdata[m])->species_id, ==, id_a);
  g_assert_cmpfloat_with_epsilon (sp_a->max_fitness, 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (sp_a->mean_fitness, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sp_b->mean_fitness, 1.0, 1e-12);

  /* Shares 2 : 1 of 100 → 66.7 and 33.3, rounded to whole genomes. */
  share_a = n * 2.0 / 3.0;
  share_b = n * 1.0 / 3.0;
  g_assert_cmpuint (sp_a->offspring + sp_b->offspring, ==, n);
  g_assert_cmpfloat (fabs (sp_a->offspring - share_a), <, 1.0);
  g_assert_cmpfloat (fabs (sp_b->offspring - share_b), <, 1.0);
  g_assert_cmpfloat (sp_a->adjusted, >, sp_b->adjusted);

  /* The next generation has exactly that many children of A's members. */
  pop = mdk_neat_get_population (opt);
  g_assert_cmpuint (pop->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      MdkNeatGenome *g = pop->pdata[i];
      if (g_hash_table_contains (ids_a, &g->parent1))
        {
          from_a++;
          g_assert_cmpfloat (g->conns[0].weight, ==, 0.0);
        }
      else
        g_assert_cmpfloat (g->conns[0].weight, ==, 4.0);
    }
  g_assert_cmpuint (from_a, ==, sp_a->offspring);

  /* Second generation with negative fitness: offspring still follow the
   * mean fitness, shifted alike for every species so that it is not
   * negative. */
  pop = mdk_neat_get_population (opt);
  for (guint i = 0; i < n; i++)
    {
      MdkNeatGenome *g = pop->pdata[i];
      fitness[i] = g->conns[0].weight == 0.0 ? -1.0 - (i % 2) : -0.5;
    }
  tell_fitness (opt, fitness, n);
  sp_a = species_of_id (opt, id_a);
  sp_b = species_of_id (opt, id_b);
  g_assert_nonnull (sp_b);
  {
    double adj_a = sp_a ? sp_a->adjusted : 0.0;
    double total;

    g_assert_cmpfloat (sp_b->adjusted, >, 0.0);
    g_assert_cmpfloat (adj_a, >=, 0.0);
    if (sp_a != NULL)
      {
        /* One common shift and scale (fitness mapped to [0, 1] by the
         * generation's minimum and maximum): differences of the adjusted
         * values are differences of the means, divided by the range. */
        double lo = fitness[0], hi = fitness[0];
        for (guint i = 1; i < n; i++)
          {
            lo = MIN (lo, fitness[i]);
            hi = MAX (hi, fitness[i]);
          }
        g_assert_cmpfloat_with_epsilon ((sp_a->adjusted - sp_b->adjusted) * (hi - lo),
                                        sp_a->mean_fitness - sp_b->mean_fitness, 1e-9);
        g_assert_cmpfloat (sp_a->adjusted, >=, 0.0);
        g_assert_cmpfloat (sp_b->adjusted, <=, 1.0);
        g_assert_cmpfloat (sp_b->adjusted, >, sp_a->adjusted);
      }
    total = adj_a + sp_b->adjusted;
    g_assert_cmpfloat (fabs (sp_b->offspring - n * sp_b->adjusted / total), <, 1.0);
    if (sp_a != NULL)
      g_assert_cmpfloat (fabs (sp_a->offspring - n * adj_a / total), <, 1.0);
    g_assert_cmpuint (total_offspring (opt), ==, n);
  }
}

/* Three species whose shares all have fractions: the slots left after
 * rounding down go to the largest remainders, one each. */
static void
test_population_offspring_rounding (void)
{
  const guint n = 100;
  static const double group_weight[3] = { 0.0, 4.0, 8.0 };
  /* Sizes 30, 30, 40; means 1, 1, 1.05: shares 32.79, 32.79, 34.43. */
  static const double group_fitness[3] = { 1.0, 1.0, 1.05 };
  MdkNeatParams params;
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autofree double *fitness = g_new (double, n);
  GPtrArray *pop, *species;
  double total_mean = group_fitness[0] + group_fitness[1] + group_fitness[2];

  frozen_params (&params);
  params.population_size = n;
  params.compat_threshold = 1.0;
  opt = neat_new (&params, 17);
  pop = mdk_neat_get_population (opt);
  for (guint i = 0; i < n; i++)
    {
      guint group = i < 30 ? 0 : i < 60 ? 1 : 2;
      set_weights (pop->pdata[i], group_weight[group]);
      fitness[i] = group_fitness[group];
    }
  tell_fitness (opt, fitness, n);

  species = mdk_neat_get_species (opt);
  g_assert_cmpuint (species->len, ==, 3);
  g_assert_cmpuint (total_offspring (opt), ==, n);
  for (guint s = 0; s < species->len; s++)
    {
      MdkNeatSpecies *sp = species->pdata[s];
      double w = ((MdkNeatGenome *) sp->members->pdata[0])->conns[0].weight;
      guint group = w == 0.0 ? 0 : w == 4.0 ? 1 : 2;
      double share = n * group_fitness[group] / total_mean;

      g_assert_cmpfloat (fabs (sp->offspring - share), <, 1.0);
      g_assert_cmpuint (sp->offspring, ==, group == 2 ? 34 : 33);
    }
}

/* Paper, section 4.1: "the champion of each species with more than five
 * networks was copied into the next generation unchanged". */
static void
check_elitism (int     elitism_min_species_size,
               guint64 seed)
{
  MdkNeatParams params;
  MdkRng rng;
  g_autoptr(MdkOptimizer) opt = NULL;
  guint big_species_seen = 0, small_species_seen = 0;

  busy_params (&params);
  params.population_size = 80;
  params.compat_threshold = 1.5;
  params.elitism_min_species_size = elitism_min_species_size;
  opt = neat_new (&params, seed);
  mdk_rng_init (&rng, seed + 1);

  for (guint gen = 0; gen < 20; gen++)
    {
      gconstpointer *genomes;
      guint n = mdk_optimizer_ask (opt, &genomes);
      g_autofree double *fitness = g_new (double, n);
      g_autoptr(GPtrArray) champions = NULL;
      g_autoptr(GHashTable) species_of = g_hash_table_new (g_int64_hash, g_int64_equal);
      GPtrArray *species, *pop;
      guint n_elite = 0, expected_elite = 0;

      champions = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_neat_genome_free);
      for (guint i = 0; i < n; i++)
        fitness[i] = mdk_rng_range (&rng, 0.0, 100.0);
      tell_fitness (opt, fitness, n);

      /* Snapshot each reproducing species' champion before the members
       * can be recycled. */
      species = mdk_neat_get_species (opt);
      for (guint s = 0; s < species->len; s++)
        {
          MdkNeatSpecies *sp = species->pdata[s];
          const MdkNeatGenome *champ = sp->members->pdata[0];

          for (guint m = 0; m < sp->members->len; m++)
            {
              const MdkNeatGenome *g = sp->members->pdata[m];
              g_assert_cmpfloat (g->fitness, <=, champ->fitness);
              g_hash_table_insert (species_of, (gpointer) &g->id, sp);
            }
          if (sp->members->len > (guint) elitism_min_species_size && sp->offspring > 0)
            {
              g_ptr_array_add (champions, mdk_neat_genome_copy (champ));
              expected_elite++;
              big_species_seen++;
            }
          else if (sp->offspring > 0)
            small_species_seen++;
        }

      pop = mdk_neat_get_population (opt);
      for (guint i = 0; i < pop->len; i++)
        {
          const MdkNeatGenome *g = pop->pdata[i];

          if (g->origin != MDK_NEAT_ORIGIN_ELITE)
            continue;
          n_elite++;
          {
            MdkNeatSpecies *sp = g_hash_table_lookup (species_of, &g->parent1);
            g_assert_nonnull (sp);
            g_assert_cmpuint (sp->members->len, >, (guint) elitism_min_species_size);
          }
          g_assert_cmpuint (g->parent2, ==, 0);
          g_assert_cmpuint (g->mutations, ==, 0);
        }
      g_assert_cmpuint (n_elite, ==, expected_elite);

      /* Each champion is there, unchanged. */
      for (guint c = 0; c < champions->len; c++)
        {
          const MdkNeatGenome *champ = champions->pdata[c];
          gboolean found = FALSE;

          for (guint i = 0; i < pop->len && !found; i++)
            {
              const MdkNeatGenome *g = pop->pdata[i];
              found = g->origin == MDK_NEAT_ORIGIN_ELITE && g->parent1 == champ->id &&
                      genes_equal (g, champ);
            }
          g_assert_true (found);
        }
    }
  g_assert_cmpuint (big_species_seen, >, 0);
  if (elitism_min_species_size >= 5)
    g_assert_cmpuint (small_species_seen, >, 0);
}

static void
test_population_elitism (void)
{
  check_elitism (5, 31);
  /* Every reproducing species keeps its champion. */
  check_elitism (0, 32);
}

/* The best genome of a single big species survives even when every other
 * genome has the same fitness. */
static void
test_population_elitism_best (void)
{
  MdkNeatParams params;
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autoptr(MdkNeatGenome) best_copy = NULL;
  gconstpointer *genomes;
  g_autofree double *fitness = NULL;
  GPtrArray *pop;
  guint n, found = 0;

  mdk_neat_params_init_defaults (&params);
  opt = neat_new (&params, 4242);
  n = mdk_optimizer_ask (opt, &genomes);
  g_assert_cmpuint (n, ==, 150);
  fitness = g_new (double, n);
  for (guint i = 0; i < n; i++)
    fitness[i] = i == 77 ? 5.0 : 1.0;
  best_copy = mdk_neat_genome_copy (genomes[77]);
  tell_fitness (opt, fitness, n);

  /* Minimal start genomes are all within δt = 3 of each other. */
  g_assert_cmpuint (mdk_neat_get_species (opt)->len, ==, 1);
  pop = mdk_neat_get_population (opt);
  for (guint i = 0; i < pop->len; i++)
    {
      const MdkNeatGenome *g = pop->pdata[i];
      if (g->origin == MDK_NEAT_ORIGIN_ELITE)
        {
          g_assert_cmpuint (g->parent1, ==, best_copy->id);
          g_assert_true (genes_equal (g, best_copy));
          g_assert_cmpuint (g->id, !=, best_copy->id);
          found++;
        }
    }
  g_assert_cmpuint (found, ==, 1);
}

/* Paper, section 3.3: "each existing species is represented by a random
 * genome inside the species from the previous generation". */
static void
test_population_representatives (void)
{
  MdkNeatParams params;
  MdkRng rng;
  g_autoptr(MdkOptimizer) opt = NULL;
  guint samples = 0, champion_reps = 0;

  busy_params (&params);
  params.population_size = 100;
  params.compat_threshold = 2.0;
  opt = neat_new (&params, 2718);
  mdk_rng_init (&rng, 2719);

  for (guint gen = 0; gen < 20; gen++)
    {
      guint n = population_len (opt);
      g_autofree double *fitness = g_new (double, n);
      GPtrArray *species;

      for (guint i = 0; i < n; i++)
        fitness[i] = mdk_rng_range (&rng, 0.0, 10.0);
      tell_fitness (opt, fitness, n);

      species = mdk_neat_get_species (opt);
      for (guint s = 0; s < species->len; s++)
        {
          MdkNeatSpecies *sp = species->pdata[s];
          gboolean member = FALSE;

          g_assert_nonnull (sp->representative);
          for (guint m = 0; m < sp->members->len && !member; m++)
            member = genes_equal (sp->representative, sp->members->pdata[m]);
          g_assert_true (member);
          if (sp->members->len >= 8)
            {
              samples++;
              if (genes_equal (sp->representative, sp->members->pdata[0]))
                champion_reps++;
            }
        }
    }
  /* A random member is the champion about 1/|S| of the time. */
  g_test_message ("representative = champion in %u of %u species", champion_reps, samples);
  g_assert_cmpuint (samples, >=, 20);
  g_assert_cmpfloat ((double) champion_reps / samples, <, 0.5);
}

/* Frozen population of two groups: A (weights 0) and B (weights 4).  Each
 * generation is told fitness_a for A and fitness_b (gen) for B; returns
 * the number of A genomes in the population after each tell. */
typedef double (*FitnessFunc) (guint gen);

static void
run_two_groups (guint        n_generations,
                int          stagnation_limit,
                FitnessFunc  fitness_a,
                FitnessFunc  fitness_b,
                guint       *a_count)
{
  const guint n = 40;
  MdkNeatParams params;
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autofree double *fitness = g_new (double, n);
  GPtrArray *pop;

  frozen_params (&params);
  params.population_size = n;
  params.compat_threshold = 1.0;
  params.stagnation_limit = stagnation_limit;
  opt = neat_new (&params, 99);
  pop = mdk_neat_get_population (opt);
  for (guint i = 0; i < n; i++)
    set_weights (pop->pdata[i], i % 2 == 0 ? 0.0 : 4.0);

  for (guint gen = 0; gen < n_generations; gen++)
    {
      pop = mdk_neat_get_population (opt);
      g_assert_cmpuint (pop->len, ==, n);
      for (guint i = 0; i < n; i++)
        {
          const MdkNeatGenome *g = pop->pdata[i];
          fitness[i] = g->conns[0].weight == 0.0 ? fitness_a (gen) : fitness_b (gen);
        }
      tell_fitness (opt, fitness, n);
      g_assert_cmpuint (total_offspring (opt), ==, n);

      pop = mdk_neat_get_population (opt);
      a_count[gen] = 0;
      for (guint i = 0; i < n; i++)
        {
          const MdkNeatGenome *g = pop->pdata[i];
          /* Frozen: nobody drifts between the groups. */
          g_assert_true (g->conns[0].weight == 0.0 || g->conns[0].weight == 4.0);
          if (g->conns[0].weight == 0.0)
            a_count[gen]++;
        }
    }
}

static double
flat_one (guint gen)
{
  return 1.0;
}

static double
flat_ten (guint gen)
{
  return 10.0;
}

static double
rising_from_two (guint gen)
{
  return 2.0 + gen;
}

static double
rising_slowly (guint gen)
{
  return 1.0 + 0.1 * gen;
}

static double
improves_once (guint gen)
{
  return gen < 2 ? 1.0 : 1.5;
}

/* Paper, section 4.1: "if the maximum fitness of a species did not improve
 * in 15 generations, the networks in the stagnant species were not allowed
 * to reproduce" — told at generation g, a species last improved at g0 is
 * stagnant once g − g0 ≥ the limit. */
static void
test_population_stagnation (void)
{
  const int limit = 4;
  guint a_count[12];

  /* A never improves after generation 0 and is not the best: it reproduces
   * up to generation limit − 1 and gets nothing when told generation limit. */
  run_two_groups (limit + 2, limit, flat_one, rising_from_two, a_count);
  for (int gen = 0; gen < limit; gen++)
    g_assert_cmpuint (a_count[gen], >, 0);
  g_assert_cmpuint (a_count[limit], ==, 0);
  g_assert_cmpuint (a_count[limit + 1], ==, 0);

  /* A improves once at generation 2: the clock restarts there. */
  run_two_groups (limit + 4, limit, improves_once, rising_from_two, a_count);
  for (int gen = 0; gen < limit + 2; gen++)
    g_assert_cmpuint (a_count[gen], >, 0);
  g_assert_cmpuint (a_count[limit + 2], ==, 0);

  /* A never improves but holds the best genome: it keeps reproducing. */
  run_two_groups (limit + 6, limit, flat_ten, rising_slowly, a_count);
  for (int gen = 0; gen < limit + 6; gen++)
    {
      g_assert_cmpuint (a_count[gen], >, 0);
      /* B improves, so it is not starved either. */
      g_assert_cmpuint (a_count[gen], <, 40);
    }
}

/* NaN and ±inf count as the worst fitness of the generation. */
static void
test_population_non_finite (void)
{
  const guint n = 60;
  MdkNeatParams params;
  MdkRng rng;
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autofree double *fitness = g_new (double, n);
  static const double bad[] = { NAN, INFINITY, -INFINITY };

  busy_params (&params);
  params.population_size = n;
  params.compat_threshold = 3.0;
  opt = neat_new (&params, 555);
  mdk_rng_init (&rng, 556);

  for (guint gen = 0; gen < 25; gen++)
    {
      gconstpointer *genomes;
      guint count = mdk_optimizer_ask (opt, &genomes);
      g_autoptr(GHashTable) invalid = g_hash_table_new (g_int64_hash, g_int64_equal);
      GPtrArray *species, *pop;
      double min_valid = INFINITY, max_valid = -INFINITY;
      guint64 best_id = 0;
      gboolean best_elite_expected = FALSE, best_elite_found = FALSE;
      gboolean all_bad = gen == 20;

      g_assert_cmpuint (count, ==, n);
      for (guint i = 0; i < n; i++)
        {
          const MdkNeatGenome *g = genomes[i];

          if (all_bad || mdk_rng_below (&rng, 4) == 0)
            {
              fitness[i] = bad[mdk_rng_below (&rng, G_N_ELEMENTS (bad))];
              g_hash_table_add (invalid, (gpointer) &g->id);
            }
          else
            {
              fitness[i] = mdk_rng_range (&rng, -5.0, 5.0);
              min_valid = MIN (min_valid, fitness[i]);
              if (fitness[i] > max_valid)
                {
                  max_valid = fitness[i];
                  best_id = g->id;
                }
            }
        }
      tell_fitness (opt, fitness, n);

      species = mdk_neat_get_species (opt);
      g_assert_cmpuint (species->len, >, 0);
      for (guint s = 0; s < species->len; s++)
        {
          MdkNeatSpecies *sp = species->pdata[s];
          gboolean seen_invalid = FALSE;

          g_assert_true (isfinite (sp->max_fitness));
          g_assert_true (isfinite (sp->mean_fitness));
          g_assert_true (isfinite (sp->adjusted));
          g_assert_true (isfinite (sp->best_fitness));
          for (guint m = 0; m < sp->members->len; m++)
            {
              const MdkNeatGenome *g = sp->members->pdata[m];
              gboolean is_invalid = g_hash_table_contains (invalid, &g->id);

              g_assert_true (isfinite (g->fitness));
              g_assert_cmpint (g->fitness_valid, ==, !is_invalid);
              if (is_invalid)
                {
                  seen_invalid = TRUE;
                  /* Never better than any genome the task could score. */
                  if (!all_bad)
                    g_assert_cmpfloat (g->fitness, <=, min_valid);
                }
              else
                {
                  /* Scored genomes all come before the unscored ones. */
                  g_assert_false (seen_invalid);
                  if (g->id == best_id && sp->offspring > 0 &&
                      sp->members->len > (guint) params.elitism_min_species_size)
                    best_elite_expected = TRUE;
                }
            }
        }

      /* The elite of the best genome's species is the best finite genome,
       * never an infinite one. */
      pop = mdk_neat_get_population (opt);
      g_assert_cmpuint (pop->len, ==, n);
      for (guint i = 0; i < pop->len; i++)
        {
          const MdkNeatGenome *g = pop->pdata[i];

          if (g->origin == MDK_NEAT_ORIGIN_ELITE && !all_bad)
            {
              g_assert_false (g_hash_table_contains (invalid, &g->parent1));
              if (g->parent1 == best_id)
                best_elite_found = TRUE;
            }
        }
      if (best_elite_expected)
        g_assert_true (best_elite_found);
    }
}

/* Finite but huge fitness (a task may return anything finite) must not
 * overflow the species' mean or shared fitness into inf or NaN: the fitter
 * species must still get the larger share. */
static void
test_population_extreme_fitness (void)
{
  const guint n = 40;
  MdkNeatParams params;
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autofree double *fitness = g_new (double, n);
  GPtrArray *pop, *species;
  guint offspring_a = 0, offspring_b = 0, count_a = 0;
  gboolean finite = TRUE;

  frozen_params (&params);
  params.population_size = n;
  params.compat_threshold = 1.0;
  opt = neat_new (&params, 8);
  pop = mdk_neat_get_population (opt);
  for (guint i = 0; i < n; i++)
    {
      set_weights (pop->pdata[i], i % 2 == 0 ? 0.0 : 4.0);
      /* A: 20 × 1e307 sums past DBL_MAX; B: 1. */
      fitness[i] = i % 2 == 0 ? 1e307 : 1.0;
    }
  tell_fitness (opt, fitness, n);

  g_assert_cmpuint (total_offspring (opt), ==, n);
  g_assert_cmpuint (population_len (opt), ==, n);
  species = mdk_neat_get_species (opt);
  for (guint s = 0; s < species->len; s++)
    {
      MdkNeatSpecies *sp = species->pdata[s];
      const MdkNeatGenome *first = sp->members->pdata[0];

      finite &= isfinite (sp->mean_fitness) && isfinite (sp->adjusted);
      if (first->conns[0].weight == 0.0)
        offspring_a += sp->offspring;
      else
        offspring_b += sp->offspring;
    }
  pop = mdk_neat_get_population (opt);
  for (guint i = 0; i < n; i++)
    if (((MdkNeatGenome *) pop->pdata[i])->conns[0].weight == 0.0)
      count_a++;
  g_assert_cmpuint (count_a, ==, offspring_a);

  /* Huge fitness must neither overflow nor starve the fitter species. */
  g_assert_true (finite);
  g_assert_cmpuint (offspring_a, >, offspring_b);
  g_assert_cmpuint (offspring_a, >=, n - 1);
}

/* With target_species > 0, δt moves by compat_threshold_step toward the
 * target after each generation.  Returns how often it rose although there
 * were too few species. */
static guint
check_threshold (int     target,
                 double  start,
                 guint64 seed)
{
  MdkNeatParams params;
  MdkRng rng;
  g_autoptr(MdkOptimizer) opt = NULL;
  guint fewer = 0, more = 0, wrong_way = 0;

  busy_params (&params);
  params.population_size = 60;
  params.compat_threshold = start;
  params.target_species = target;
  params.compat_threshold_step = 0.25;
  opt = neat_new (&params, seed);
  mdk_rng_init (&rng, seed + 1);
  g_assert_cmpfloat (mdk_neat_get_threshold (opt), ==, start);

  for (guint gen = 0; gen < 30; gen++)
    {
      guint n = population_len (opt);
      g_autofree double *fitness = g_new (double, n);
      double before = mdk_neat_get_threshold (opt);
      double after;
      MdkPopulationStats stats;

      for (guint i = 0; i < n; i++)
        fitness[i] = mdk_rng_range (&rng, 0.0, 1.0);
      tell_fitness (opt, fitness, n);
      opt->klass->get_stats (opt, &stats);
      after = mdk_neat_get_threshold (opt);

      g_assert_true (isfinite (after));
      g_assert_cmpfloat (after, >, 0.0);
      if (target == 0)
        g_assert_cmpfloat (after, ==, start);
      else if (stats.n_species < (guint) target)
        {
          /* Fewer species than wanted: a smaller δt, unless at its floor. */
          if (after > before)
            wrong_way++;
          if (before > 2 * params.compat_threshold_step)
            g_assert_cmpfloat_with_epsilon (after, before - params.compat_threshold_step, 1e-9);
          fewer++;
        }
      else if (stats.n_species > (guint) target)
        {
          g_assert_cmpfloat_with_epsilon (after, before + params.compat_threshold_step, 1e-9);
          more++;
        }
      else
        g_assert_cmpfloat (after, ==, before);
    }
  if (target > 0 && start >= 3.0)
    g_assert_cmpuint (fewer, >, 0);
  if (target > 0 && start < 0.1)
    g_assert_cmpuint (more, >, 0);
  return wrong_way;
}

static void
test_population_dynamic_threshold (void)
{
  guint wrong_way;

  /* One species at first: δt must come down. */
  g_assert_cmpuint (check_threshold (8, 3.0, 61), ==, 0);
  /* Every genome its own species at first: δt must go up. */
  g_assert_cmpuint (check_threshold (4, 0.01, 62), ==, 0);
  /* No target: δt stays put. */
  g_assert_cmpuint (check_threshold (0, 3.0, 63), ==, 0);

  /* A target above the population size with δt starting below the step:
   * there are always too few species, so δt must never rise. */
  wrong_way = check_threshold (200, 0.1, 64);
  g_assert_cmpuint (wrong_way, ==, 0);
}

static void
assert_populations_equal (MdkOptimizer *a,
                          MdkOptimizer *b)
{
  GPtrArray *pa = mdk_neat_get_population (a);
  GPtrArray *pb = mdk_neat_get_population (b);

  g_assert_cmpuint (pa->len, ==, pb->len);
  for (guint i = 0; i < pa->len; i++)
    {
      const MdkNeatGenome *ga = pa->pdata[i];
      const MdkNeatGenome *gb = pb->pdata[i];

      g_assert_true (genes_equal (ga, gb));
      g_assert_cmpuint (ga->id, ==, gb->id);
      g_assert_cmpuint (ga->parent1, ==, gb->parent1);
      g_assert_cmpuint (ga->parent2, ==, gb->parent2);
      g_assert_cmpuint (ga->origin, ==, gb->origin);
      g_assert_cmpuint (ga->mutations, ==, gb->mutations);
    }
  g_assert_cmpfloat (mdk_neat_get_threshold (a), ==, mdk_neat_get_threshold (b));
  g_assert_cmpuint (mdk_neat_get_species (a)->len, ==, mdk_neat_get_species (b)->len);
}

static gboolean
populations_differ (MdkOptimizer *a,
                    MdkOptimizer *b)
{
  GPtrArray *pa = mdk_neat_get_population (a);
  GPtrArray *pb = mdk_neat_get_population (b);

  if (pa->len != pb->len)
    return TRUE;
  for (guint i = 0; i < pa->len; i++)
    if (!genes_equal (pa->pdata[i], pb->pdata[i]))
      return TRUE;
  return FALSE;
}

/* A fitness that depends only on the genome, so that both runs are told the
 * same values exactly when their populations are the same. */
static double
genome_score (const MdkNeatGenome *g)
{
  double s = 0.0;

  for (guint i = 0; i < g->n_conns; i++)
    s += g->conns[i].enabled ? sin (g->conns[i].weight * (i + 1)) : 0.0;
  return s + 0.1 * mdk_neat_genome_count_hidden (g);
}

static void
tell_scores (MdkOptimizer *opt)
{
  gconstpointer *genomes;
  guint n = mdk_optimizer_ask (opt, &genomes);
  g_autofree double *fitness = g_new (double, n);

  for (guint i = 0; i < n; i++)
    fitness[i] = genome_score (genomes[i]);
  tell_fitness (opt, fitness, n);
}

static void
test_population_determinism (void)
{
  MdkNeatParams params;
  g_autoptr(MdkOptimizer) a = NULL;
  g_autoptr(MdkOptimizer) b = NULL;
  g_autoptr(MdkOptimizer) c = NULL;
  guint differing = 0;

  busy_params (&params);
  params.population_size = 70;
  a = neat_new (&params, 12345);
  b = neat_new (&params, 12345);
  c = neat_new (&params, 12346);

  assert_populations_equal (a, b);
  g_assert_true (populations_differ (a, c));
  for (guint gen = 0; gen < 25; gen++)
    {
      tell_scores (a);
      tell_scores (b);
      tell_scores (c);
      assert_populations_equal (a, b);
      differing += populations_differ (a, c) ? 1 : 0;
    }
  g_assert_cmpuint (differing, ==, 25);
  /* The runs did grow structure, so the comparison covered it. */
  {
    MdkPopulationStats stats;
    a->klass->get_stats (a, &stats);
    g_assert_cmpfloat (stats.mean_hidden, >, 0.0);
  }
}

static void
test_population_set_params (void)
{
  MdkNeatParams params, changed;
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *pop;
  guint mutated = 0;

  mdk_neat_params_init_defaults (&params);
  params.population_size = 50;
  opt = neat_new (&params, 21);
  g_assert_nonnull (opt->klass->set_params);

  /* A live parameter may change, and is used from then on. */
  changed = *mdk_neat_get_params (opt);
  changed.add_node_rate = 1.0;
  g_assert_true (opt->klass->set_params (opt, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (mdk_neat_get_params (opt)->add_node_rate, ==, 1.0);
  {
    g_autofree double *fitness = g_new0 (double, 50);
    for (guint i = 0; i < 50; i++)
      fitness[i] = i;
    tell_fitness (opt, fitness, 50);
  }
  pop = mdk_neat_get_population (opt);
  for (guint i = 0; i < pop->len; i++)
    {
      const MdkNeatGenome *g = pop->pdata[i];
      if (g->origin == MDK_NEAT_ORIGIN_MUTATION)
        {
          g_assert_true (g->mutations & MDK_NEAT_MUT_ADD_NODE);
          g_assert_cmpuint (mdk_neat_genome_count_hidden (g), >=, 1);
          mutated++;
        }
    }
  g_assert_cmpuint (mutated, >, 0);

  /* A new δt takes effect at once. */
  changed = *mdk_neat_get_params (opt);
  changed.compat_threshold = 2.25;
  g_assert_true (opt->klass->set_params (opt, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (mdk_neat_get_threshold (opt), ==, 2.25);

  /* Fixed parameters are refused by name, and nothing changes. */
  changed = *mdk_neat_get_params (opt);
  changed.population_size = 51;
  changed.add_node_rate = 0.5;
  g_assert_false (opt->klass->set_params (opt, &changed, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "population_size"));
  g_clear_error (&error);
  g_assert_cmpint (mdk_neat_get_params (opt)->population_size, ==, 50);
  g_assert_cmpfloat (mdk_neat_get_params (opt)->add_node_rate, ==, 1.0);
  g_assert_cmpuint (population_len (opt), ==, 50);

  changed = *mdk_neat_get_params (opt);
  changed.allow_recurrent = TRUE;
  g_assert_false (opt->klass->set_params (opt, &changed, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "allow_recurrent"));
  g_clear_error (&error);
  g_assert_false (mdk_neat_get_params (opt)->allow_recurrent);

  /* A live parameter out of its range is refused too. */
  changed = *mdk_neat_get_params (opt);
  changed.add_node_rate = 1.5;
  g_assert_false (opt->klass->set_params (opt, &changed, &error));
  g_assert_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "add_node_rate"));
  g_clear_error (&error);
  g_assert_cmpfloat (mdk_neat_get_params (opt)->add_node_rate, ==, 1.0);
}

/* Writes a number in the table's range format, "%g" being enough for the
 * bounds in use. */
static char *
bound_to_string (const MdkParamSpec *spec,
                 double              v)
{
  if (spec->type == MDK_PARAM_INT)
    return g_strdup_printf ("%d", (int) v);
  return g_strdup_printf ("%g", v);
}

static void
test_population_param_table (void)
{
  MdkNeatParams params;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (mdk_neat_n_params, ==, MDK_NEAT_N_PARAMS);
  g_assert_cmpuint (mdk_neat_n_params, ==, G_N_ELEMENTS (mdk_neat_param_table));
  g_assert_true (mdk_neat_class.params == mdk_neat_param_table);
  g_assert_cmpuint (mdk_neat_class.n_params, ==, mdk_neat_n_params);
  g_assert_cmpuint (mdk_neat_class.params_size, ==, sizeof (MdkNeatParams));
  g_assert_true (mdk_optimizer_class_lookup ("neat") == &mdk_neat_class);

  for (guint i = 0; i < mdk_neat_n_params; i++)
    {
      const MdkParamSpec *spec = &mdk_neat_param_table[i];
      gsize field = spec->type == MDK_PARAM_DOUBLE ? sizeof (double)
                    : spec->type == MDK_PARAM_BOOL ? sizeof (gboolean) : sizeof (int);

      g_assert_nonnull (spec->id);
      g_assert_nonnull (spec->label);
      g_assert_nonnull (spec->group);
      g_assert_nonnull (spec->help);
      g_assert_cmpuint (strlen (spec->id), >, 0);
      g_assert_cmpuint (strlen (spec->label), >, 0);
      g_assert_cmpuint (strlen (spec->group), >, 0);
      g_assert_cmpuint (strlen (spec->help), >, 0);
      g_assert_false (g_hash_table_contains (ids, spec->id));
      g_hash_table_add (ids, (gpointer) spec->id);
      g_assert_true (mdk_param_table_lookup (mdk_neat_param_table, mdk_neat_n_params,
                                             spec->id) == spec);
      g_assert_cmpuint (spec->type, !=, MDK_PARAM_STRING);
      g_assert_cmpuint (spec->offset + field, <=, sizeof (MdkNeatParams));
      if (spec->type == MDK_PARAM_INT || spec->type == MDK_PARAM_DOUBLE)
        {
          g_assert_cmpfloat (spec->min, <=, spec->max);
          g_assert_cmpfloat (spec->def, >=, spec->min);
          g_assert_cmpfloat (spec->def, <=, spec->max);
        }
      if (spec->type == MDK_PARAM_CHOICE)
        {
          g_assert_nonnull (spec->choices);
          g_assert_cmpuint (mdk_param_choice_count (spec), >, 0);
          g_assert_cmpfloat (spec->def, <, mdk_param_choice_count (spec));
        }
      for (guint k = 0; k < i; k++)
        g_assert_cmpuint (mdk_neat_param_table[k].offset, !=, spec->offset);
    }

  mdk_neat_params_init_defaults (&params);
  g_assert_true (mdk_neat_params_validate (&params, &error));
  g_assert_no_error (error);

  /* Stanley & Miikkulainen (2002), section 4.1. */
  g_assert_cmpint (params.population_size, ==, 150);
  g_assert_cmpfloat (params.compat_excess, ==, 1.0);
  g_assert_cmpfloat (params.compat_disjoint, ==, 1.0);
  g_assert_cmpfloat (params.compat_weight, ==, 0.4);
  g_assert_cmpfloat (params.compat_threshold, ==, 3.0);
  g_assert_cmpint (params.compat_normalize_min, ==, 20);
  g_assert_cmpfloat (params.weight_mutate_rate, ==, 0.8);
  g_assert_cmpfloat (params.weight_perturb_prob, ==, 0.9);
  g_assert_cmpfloat (params.add_node_rate, ==, 0.03);
  g_assert_cmpfloat (params.add_connection_rate, ==, 0.05);
  g_assert_cmpfloat (params.mutation_only_prob, ==, 0.25);
  g_assert_cmpint (params.stagnation_limit, ==, 15);
  g_assert_cmpfloat (params.interspecies_mating_rate, ==, 0.001);
  g_assert_cmpint (params.elitism_min_species_size, ==, 5);
  g_assert_cmpfloat (params.disable_inherit_prob, ==, 0.75);
  g_assert_false (params.allow_recurrent);
  g_assert_cmpint (params.target_species, ==, 0);
  /* Extras beyond the paper are off by default. */
  g_assert_cmpfloat (params.delete_connection_rate, ==, 0.0);
  g_assert_cmpfloat (params.delete_node_rate, ==, 0.0);

  /* Out of range, above and below: refused, naming the parameter and its
   * range. */
  for (guint i = 0; i < mdk_neat_n_params; i++)
    {
      const MdkParamSpec *spec = &mdk_neat_param_table[i];
      g_autofree char *lo = NULL;
      g_autofree char *hi = NULL;
      double bad[3];

      if (spec->type == MDK_PARAM_CHOICE)
        {
          mdk_neat_params_init_defaults (&params);
          mdk_param_set_number (spec, &params, mdk_param_choice_count (spec));
          g_assert_false (mdk_neat_params_validate (&params, &error));
          g_assert_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE);
          g_assert_nonnull (strstr (error->message, spec->id));
          g_clear_error (&error);
          continue;
        }
      if (spec->type != MDK_PARAM_INT && spec->type != MDK_PARAM_DOUBLE)
        continue;

      lo = bound_to_string (spec, spec->min);
      hi = bound_to_string (spec, spec->max);
      bad[0] = spec->max + 1.0;
      bad[1] = spec->min - 1.0;
      bad[2] = spec->type == MDK_PARAM_DOUBLE ? NAN : spec->max * 2 + 1;
      for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
        {
          mdk_neat_params_init_defaults (&params);
          mdk_param_set_number (spec, &params, bad[k]);
          g_assert_false (mdk_neat_params_validate (&params, &error));
          g_assert_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE);
          if (strstr (error->message, spec->id) == NULL || strstr (error->message, lo) == NULL ||
              strstr (error->message, hi) == NULL)
            g_error ("“%s” should name %s and its range %s … %s",
                     error->message, spec->id, lo, hi);
          g_clear_error (&error);
        }
    }

  /* The optimizer refuses such parameters too. */
  {
    g_autoptr(MdkTask) task = mdk_task_new (&fake_task_class, NULL, &error);
    MdkOptimizer *opt;

    g_assert_no_error (error);
    mdk_neat_params_init_defaults (&params);
    params.population_size = 1;
    opt = mdk_optimizer_new (&mdk_neat_class, &params, task, 1, &error);
    g_assert_null (opt);
    g_assert_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE);
    g_assert_nonnull (strstr (error->message, "population_size"));
  }
}

/* Putting edited networks back: insert and seed. */

/* A network as the graph editor might make it: a hidden node and numbers
 * well above the run's, optionally with a cycle between two hidden nodes. */
static MdkNeatGenome *
edited_genome (guint    n_inputs,
               guint    n_outputs,
               gboolean cycle)
{
  MdkNeatGenome *g = mdk_neat_genome_new (n_inputs, n_outputs);
  guint32 out = n_inputs + 1;

  g->id = 4242;
  mdk_neat_genome_insert_node (g, 100, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.25);
  mdk_neat_genome_insert_conn (g, 0, 100, 500, 0.75, TRUE);
  mdk_neat_genome_insert_conn (g, 100, out, 501, -1.25, TRUE);
  mdk_neat_genome_insert_conn (g, n_inputs, out, 502, 0.5, TRUE);
  if (cycle)
    {
      mdk_neat_genome_insert_node (g, 101, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.0);
      mdk_neat_genome_insert_conn (g, 100, 101, 503, 1.0, TRUE);
      mdk_neat_genome_insert_conn (g, 101, 100, 504, 1.0, TRUE);
    }
  return g;
}

/* Distinct fitness for every genome, so "the worst parent" is one genome. */
static void
tell_ranks (MdkOptimizer *opt)
{
  gconstpointer *genomes;
  guint n = mdk_optimizer_ask (opt, &genomes);
  g_autofree double *fitness = g_new (double, n);

  for (guint i = 0; i < n; i++)
    fitness[i] = genome_score (genomes[i]) + 1e-6 * i;
  tell_fitness (opt, fitness, n);
}

static guint64
max_id (MdkOptimizer *opt)
{
  GPtrArray *pop = mdk_neat_get_population (opt);
  guint64 m = 0;

  for (guint i = 0; i < pop->len; i++)
    m = MAX (m, ((MdkNeatGenome *) pop->pdata[i])->id);
  return m;
}

/* The genome an insert should replace, worked out from the last told
 * generation: not elite, not edited, worst first parent, later on ties. */
static int
expected_victim (MdkOptimizer *opt)
{
  GPtrArray *pop = mdk_neat_get_population (opt);
  gconstpointer *told;
  guint n_told = opt->klass->get_evaluated (opt, &told);
  int victim = -1;
  double victim_fitness = INFINITY;

  for (guint i = 0; i < pop->len; i++)
    {
      const MdkNeatGenome *g = pop->pdata[i];
      double f = INFINITY;

      if (g->origin == MDK_NEAT_ORIGIN_ELITE || g->origin == MDK_NEAT_ORIGIN_EDITED)
        continue;
      for (guint k = 0; k < n_told; k++)
        {
          const MdkNeatGenome *p = told[k];
          if (p->id == g->parent1)
            f = p->fitness;
        }
      if (victim < 0 || f <= victim_fitness)
        {
          victim = i;
          victim_fitness = f;
        }
    }
  return victim;
}

static MdkNeatGenome **
copy_population (MdkOptimizer *opt)
{
  GPtrArray *pop = mdk_neat_get_population (opt);
  MdkNeatGenome **copy = g_new0 (MdkNeatGenome *, pop->len + 1);

  for (guint i = 0; i < pop->len; i++)
    copy[i] = mdk_neat_genome_copy (pop->pdata[i]);
  return copy;
}

static void
free_population_copy (MdkNeatGenome **copy)
{
  for (guint i = 0; copy[i] != NULL; i++)
    mdk_neat_genome_free (copy[i]);
  g_free (copy);
}

/* Returns the one index where @opt's batch differs from @before. */
static guint
single_difference (MdkOptimizer   *opt,
                   MdkNeatGenome **before)
{
  gconstpointer *genomes;
  guint n = mdk_optimizer_ask (opt, &genomes);
  int changed = -1;

  for (guint i = 0; i < n; i++)
    {
      const MdkNeatGenome *g = genomes[i];
      g_assert_nonnull (before[i]);
      if (g->id != before[i]->id || !genes_equal (g, before[i]))
        {
          g_assert_cmpint (changed, ==, -1);
          changed = i;
        }
    }
  g_assert_null (before[n]);
  g_assert_cmpint (changed, >=, 0);
  return changed;
}

static void
assert_inserted (MdkOptimizer        *opt,
                 guint                index,
                 const MdkNeatGenome *genome,
                 guint64              old_max_id)
{
  gconstpointer *genomes;
  const MdkNeatGenome *g;

  mdk_optimizer_ask (opt, &genomes);
  g = genomes[index];
  g_assert_true (genes_equal (g, genome));
  g_assert_cmpuint (g->id, >, old_max_id);
  g_assert_cmpuint (g->id, !=, genome->id);
  g_assert_cmpuint (g->parent1, ==, genome->id);
  g_assert_cmpuint (g->parent2, ==, 0);
  g_assert_cmpint (g->origin, ==, MDK_NEAT_ORIGIN_EDITED);
  g_assert_cmpuint (g->birth_generation, ==, mdk_neat_get_generation (opt));
  g_assert_false (g->fitness_valid);
}

static void
test_population_insert (void)
{
  MdkNeatParams params;
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autoptr(MdkNeatGenome) genome = edited_genome (N_INPUTS, N_OUTPUTS, FALSE);
  g_autoptr(GError) error = NULL;
  MdkNeatGenome **before;
  guint64 old_max;
  guint first, second;
  int victim;

  busy_params (&params);
  params.population_size = 60;

  /* Before the first tell: the last genome. */
  opt = neat_new (&params, 77);
  before = copy_population (opt);
  old_max = max_id (opt);
  g_assert_true (mdk_neat_insert_genome (opt, genome, &error));
  g_assert_no_error (error);
  first = single_difference (opt, before);
  g_assert_cmpuint (first, ==, 59);
  assert_inserted (opt, first, genome, old_max);
  free_population_copy (before);

  /* A second insert keeps the first one. */
  before = copy_population (opt);
  old_max = max_id (opt);
  g_assert_true (mdk_neat_insert_genome (opt, genome, &error));
  second = single_difference (opt, before);
  g_assert_cmpuint (second, ==, 58);
  assert_inserted (opt, second, genome, old_max);
  free_population_copy (before);

  /* After some generations: the child of the worst parent, never an elite. */
  for (guint gen = 0; gen < 4; gen++)
    tell_ranks (opt);
  victim = expected_victim (opt);
  g_assert_cmpint (victim, >=, 0);
  g_assert_cmpint (((MdkNeatGenome *) mdk_neat_get_population (opt)->pdata[victim])->origin, !=,
                   MDK_NEAT_ORIGIN_ELITE);
  before = copy_population (opt);
  old_max = max_id (opt);
  g_assert_true (mdk_neat_insert_genome (opt, genome, &error));
  g_assert_no_error (error);
  first = single_difference (opt, before);
  g_test_message ("replaced genome %u of 60", first);
  g_assert_cmpuint (first, ==, (guint) victim);
  assert_inserted (opt, first, genome, old_max);
  free_population_copy (before);

  /* Again: another genome goes, the inserted one stays. */
  victim = expected_victim (opt);
  g_assert_cmpint (victim, !=, (int) first);
  before = copy_population (opt);
  g_assert_true (mdk_neat_insert_genome (opt, genome, &error));
  second = single_difference (opt, before);
  g_assert_cmpuint (second, ==, (guint) victim);
  free_population_copy (before);

  /* The run goes on with it. */
  tell_ranks (opt);
  g_assert_cmpuint (population_len (opt), ==, 60);
}

static guint
count_identical (MdkOptimizer        *opt,
                 const MdkNeatGenome *genome)
{
  gconstpointer *genomes;
  guint n = mdk_optimizer_ask (opt, &genomes);
  guint same = 0;

  for (guint i = 0; i < n; i++)
    same += genes_equal (genomes[i], genome) ? 1 : 0;
  return same;
}

static void
test_population_seed (void)
{
  MdkNeatParams params;
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autoptr(MdkNeatGenome) genome = edited_genome (N_INPUTS, N_OUTPUTS, FALSE);
  g_autoptr(GError) error = NULL;
  gconstpointer *genomes;
  guint n;
  guint64 old_max;

  busy_params (&params);
  params.population_size = 50;
  params.target_species = 3;
  params.compat_threshold_step = 0.3;
  opt = neat_new (&params, 99);
  for (guint gen = 0; gen < 5; gen++)
    tell_ranks (opt);
  g_assert_cmpfloat (mdk_neat_get_threshold (opt), !=, params.compat_threshold);
  g_assert_cmpuint (mdk_neat_get_species (opt)->len, >, 0);
  old_max = max_id (opt);

  g_assert_true (mdk_neat_seed_population (opt, genome, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mdk_neat_get_species (opt)->len, ==, 0);
  g_assert_cmpfloat (mdk_neat_get_threshold (opt), ==, params.compat_threshold);

  /* Every genome has the seed's structure; one is the seed exactly. */
  g_assert_cmpuint (count_identical (opt, genome), ==, 1);
  n = mdk_optimizer_ask (opt, &genomes);
  g_assert_cmpuint (n, ==, 50);
  for (guint i = 0; i < n; i++)
    {
      const MdkNeatGenome *g = genomes[i];

      g_assert_cmpuint (g->n_nodes, ==, genome->n_nodes);
      g_assert_cmpuint (g->n_conns, ==, genome->n_conns);
      for (guint k = 0; k < g->n_nodes; k++)
        g_assert_cmpuint (g->nodes[k].id, ==, genome->nodes[k].id);
      for (guint k = 0; k < g->n_conns; k++)
        {
          g_assert_cmpuint (g->conns[k].innovation, ==, genome->conns[k].innovation);
          g_assert_cmpuint (g->conns[k].in, ==, genome->conns[k].in);
          g_assert_cmpuint (g->conns[k].out, ==, genome->conns[k].out);
        }
      g_assert_cmpuint (g->id, >, old_max);
      g_assert_cmpuint (g->parent1, ==, genome->id);
      g_assert_cmpuint (g->birth_generation, ==, mdk_neat_get_generation (opt));
      g_assert_cmpint (g->origin, ==, i == 0 ? MDK_NEAT_ORIGIN_EDITED : MDK_NEAT_ORIGIN_MUTATION);
    }

  /* Species form anew from it. */
  tell_ranks (opt);
  g_assert_cmpuint (mdk_neat_get_species (opt)->len, >, 0);
  g_assert_cmpuint (population_len (opt), ==, 50);
}

static void
test_population_insert_refused (void)
{
  MdkNeatParams params;
  g_autoptr(MdkOptimizer) a = NULL;
  g_autoptr(MdkOptimizer) b = NULL;
  g_autoptr(MdkNeatGenome) wide = edited_genome (N_INPUTS + 1, N_OUTPUTS, FALSE);
  g_autoptr(MdkNeatGenome) narrow = edited_genome (N_INPUTS, N_OUTPUTS - 1, FALSE);
  g_autoptr(MdkNeatGenome) cyclic = edited_genome (N_INPUTS, N_OUTPUTS, TRUE);
  MdkNeatGenome *bad[] = { wide, narrow, cyclic };
  g_autoptr(GError) error = NULL;
  guint32 next, next_node;

  busy_params (&params);
  params.population_size = 40;
  a = neat_new (&params, 5);
  b = neat_new (&params, 5);
  for (guint gen = 0; gen < 3; gen++)
    {
      tell_scores (a);
      tell_scores (b);
    }
  next = mdk_neat_innovation_peek_next (mdk_neat_get_innovation (a));
  next_node = mdk_neat_innovation_peek_next_node (mdk_neat_get_innovation (a));

  g_assert_false (mdk_neat_insert_genome (a, wide, &error));
  g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
  /* Both shapes are named. */
  g_assert_nonnull (strstr (error->message, "network inputs 4, outputs 2"));
  g_assert_nonnull (strstr (error->message, "task inputs 3, outputs 2"));
  g_clear_error (&error);
  g_assert_false (mdk_neat_seed_population (a, narrow, &error));
  g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "network inputs 3, outputs 1"));
  g_assert_nonnull (strstr (error->message, "task inputs 3, outputs 2"));
  g_clear_error (&error);

  /* A cycle in a feed-forward run. */
  g_assert_false (params.allow_recurrent);
  g_assert_false (mdk_neat_insert_genome (a, cyclic, &error));
  g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mdk_neat_seed_population (a, cyclic, &error));
  g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (mdk_neat_insert_genome (a, bad[i], NULL));
      g_assert_false (mdk_neat_seed_population (a, bad[i], NULL));
    }

  /* Nothing changed: not the population, not the numbers, not the RNG. */
  assert_populations_equal (a, b);
  g_assert_cmpuint (mdk_neat_innovation_peek_next (mdk_neat_get_innovation (a)), ==, next);
  g_assert_cmpuint (mdk_neat_innovation_peek_next_node (mdk_neat_get_innovation (a)), ==, next_node);
  for (guint gen = 0; gen < 3; gen++)
    {
      tell_scores (a);
      tell_scores (b);
      assert_populations_equal (a, b);
    }

  /* A recurrent run takes the cycle. */
  {
    g_autoptr(MdkOptimizer) r = NULL;
    params.allow_recurrent = TRUE;
    r = neat_new (&params, 5);
    g_assert_true (mdk_neat_insert_genome (r, cyclic, &error));
    g_assert_no_error (error);
    g_assert_true (mdk_neat_seed_population (r, cyclic, &error));
    g_assert_no_error (error);
    tell_scores (r);
  }
}

static void
test_population_insert_determinism (void)
{
  MdkNeatParams params;
  g_autoptr(MdkOptimizer) a = NULL;
  g_autoptr(MdkOptimizer) b = NULL;
  g_autoptr(MdkNeatGenome) genome = edited_genome (N_INPUTS, N_OUTPUTS, FALSE);

  busy_params (&params);
  params.population_size = 70;
  a = neat_new (&params, 2024);
  b = neat_new (&params, 2024);
  for (guint gen = 0; gen < 12; gen++)
    {
      if (gen == 3 || gen == 4)
        {
          g_assert_true (mdk_neat_insert_genome (a, genome, NULL));
          g_assert_true (mdk_neat_insert_genome (b, genome, NULL));
        }
      if (gen == 7)
        {
          g_assert_true (mdk_neat_seed_population (a, genome, NULL));
          g_assert_true (mdk_neat_seed_population (b, genome, NULL));
        }
      assert_populations_equal (a, b);
      tell_scores (a);
      tell_scores (b);
      assert_populations_equal (a, b);
    }
  g_assert_cmpuint (mdk_neat_innovation_peek_next (mdk_neat_get_innovation (a)), ==,
                    mdk_neat_innovation_peek_next (mdk_neat_get_innovation (b)));
}

static void
test_population_insert_reserves (void)
{
  MdkNeatParams params;
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autoptr(MdkNeatGenome) genome = edited_genome (N_INPUTS, N_OUTPUTS, FALSE);
  MdkNeatInnovation *tracker;
  guint32 node, in_innov, out_innov;

  busy_params (&params);
  params.population_size = 30;
  opt = neat_new (&params, 3);
  tell_scores (opt);
  tracker = mdk_neat_get_innovation (opt);
  g_assert_cmpuint (mdk_neat_innovation_peek_next (tracker), <, 500);
  g_assert_cmpuint (mdk_neat_innovation_peek_next_node (tracker), <, 100);

  g_assert_true (mdk_neat_insert_genome (opt, genome, NULL));
  g_assert_cmpuint (mdk_neat_innovation_peek_next (tracker), >, 502);
  g_assert_cmpuint (mdk_neat_innovation_peek_next_node (tracker), >, 100);
  /* A new connection (input 1 → hidden 100) numbers above the genome's. */
  g_assert_cmpuint (mdk_neat_innovation_connection (tracker, 1, 100), >, 502);
  mdk_neat_innovation_split (tracker, 502, &node, &in_innov, &out_innov);
  g_assert_cmpuint (node, >, 100);
  g_assert_cmpuint (in_innov, >, 502);

  /* Evolution goes on without reusing the genome's numbers: a gene with one
   * of its innovation numbers joins the same nodes. */
  for (guint gen = 0; gen < 5; gen++)
    tell_scores (opt);
  {
    GPtrArray *pop = mdk_neat_get_population (opt);

    for (guint i = 0; i < pop->len; i++)
      {
        const MdkNeatGenome *g = pop->pdata[i];
        for (guint k = 0; k < g->n_conns; k++)
          for (guint j = 0; j < genome->n_conns; j++)
            if (g->conns[k].innovation == genome->conns[j].innovation)
              {
                g_assert_cmpuint (g->conns[k].in, ==, genome->conns[j].in);
                g_assert_cmpuint (g->conns[k].out, ==, genome->conns[j].out);
              }
      }
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/neat/population/size", test_population_size);
  g_test_add_func ("/core/neat/population/offspring-allotment", test_population_offspring_allotment);
  g_test_add_func ("/core/neat/population/offspring-rounding", test_population_offspring_rounding);
  g_test_add_func ("/core/neat/population/elitism", test_population_elitism);
  g_test_add_func ("/core/neat/population/elitism-best", test_population_elitism_best);
  g_test_add_func ("/core/neat/population/representatives", test_population_representatives);
  g_test_add_func ("/core/neat/population/stagnation", test_population_stagnation);
  g_test_add_func ("/core/neat/population/non-finite-fitness", test_population_non_finite);
  g_test_add_func ("/core/neat/population/extreme-fitness", test_population_extreme_fitness);
  g_test_add_func ("/core/neat/population/dynamic-threshold", test_population_dynamic_threshold);
  g_test_add_func ("/core/neat/population/determinism", test_population_determinism);
  g_test_add_func ("/core/neat/population/set-params", test_population_set_params);
  g_test_add_func ("/core/neat/population/param-table", test_population_param_table);
  g_test_add_func ("/core/neat/population/insert", test_population_insert);
  g_test_add_func ("/core/neat/population/seed", test_population_seed);
  g_test_add_func ("/core/neat/population/insert-refused", test_population_insert_refused);
  g_test_add_func ("/core/neat/population/insert-determinism", test_population_insert_determinism);
  g_test_add_func ("/core/neat/population/insert-reserves", test_population_insert_reserves);

  return g_test_run ();
}
