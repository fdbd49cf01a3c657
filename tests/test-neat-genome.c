/* Tests for the NEAT genome: structural invariants under random mutation,
 * shared innovation numbers, add-node, crossover (Stanley & Miikkulainen
 * 2002, figure 4), compatibility distance (equation 1), JSON and copies. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include "mdk-neat-genome.h"
#include "mdk-neat-innovation.h"
#include "mdk-neat-params.h"

#include <math.h>
#include <string.h>

#define PAIR(in, out) (((guint64) (in) << 32) | (guint64) (out))

/* Every mutation far more likely than in the paper, so that a few thousand
 * mutations reach every code path many times. */
static void
mutation_params (MdkNeatParams *params,
                 gboolean       allow_recurrent)
{
  mdk_neat_params_init_defaults (params);
  params->add_node_rate = 0.3;
  params->add_connection_rate = 0.5;
  params->delete_connection_rate = 0.05;
  params->delete_node_rate = 0.05;
  params->toggle_enable_rate = 0.1;
  params->activation_mutate_rate = 0.1;
  params->bias_mutate_rate = 0.5;
  params->allow_recurrent = allow_recurrent;
}

/* The paper's crossover: matching genes take one parent's weight.  The
 * reference code's averaging crossover, where the tree has it, is off. */
static void
paper_crossover_params (MdkNeatParams *params)
{
  const MdkParamSpec *spec = mdk_param_table_lookup (mdk_neat_param_table, mdk_neat_n_params,
                                                     "crossover_average_prob");

  mdk_neat_params_init_defaults (params);
  if (spec != NULL)
    mdk_param_set_number (spec, params, 0.0);
}

/* A tracker that continues where the start genomes' numbering stops, as the
 * optimizer does. */
static MdkNeatInnovation *
tracker_for (guint n_inputs,
             guint n_outputs)
{
  return mdk_neat_innovation_new ((n_inputs + 1) * n_outputs + 1, n_inputs + 1 + n_outputs);
}

/* Position of node @id by linear search, independent of find_node. */
static int
node_pos (const MdkNeatGenome *g,
          guint32              id)
{
  for (guint i = 0; i < g->n_nodes; i++)
    if (g->nodes[i].id == id)
      return (int) i;
  return -1;
}

static gboolean
dfs_has_cycle (guint         v,
               const guint  *offsets,
               const guint  *targets,
               guint8       *colour)
{
  colour[v] = 1;
  for (guint e = offsets[v]; e < offsets[v + 1]; e++)
    {
      guint w = targets[e];
      if (colour[w] == 1)
        return TRUE;
      if (colour[w] == 0 && dfs_has_cycle (w, offsets, targets, colour))
        return TRUE;
    }
  colour[v] = 2;
  return FALSE;
}

/* Acyclicity over every connection gene (enabled or not) by a three-colour
 * depth-first search: a second opinion on mdk_neat_genome_is_acyclic. */
static gboolean
reference_acyclic (const MdkNeatGenome *g)
{
  g_autofree guint *offsets = g_new0 (guint, g->n_nodes + 1);
  g_autofree guint *cursor = NULL;
  g_autofree guint *targets = g_new0 (guint, MAX (g->n_conns, 1));
  g_autofree guint8 *colour = g_new0 (guint8, g->n_nodes);

  for (guint i = 0; i < g->n_conns; i++)
    offsets[node_pos (g, g->conns[i].in) + 1]++;
  for (guint i = 0; i < g->n_nodes; i++)
    offsets[i + 1] += offsets[i];
  cursor = g_memdup2 (offsets, sizeof (guint) * (g->n_nodes + 1));
  for (guint i = 0; i < g->n_conns; i++)
    targets[cursor[node_pos (g, g->conns[i].in)]++] = node_pos (g, g->conns[i].out);
  for (guint v = 0; v < g->n_nodes; v++)
    if (colour[v] == 0 && dfs_has_cycle (v, offsets, targets, colour))
      return FALSE;
  return TRUE;
}

/* The invariants the header promises, checked without the genome's own
 * helpers, then mdk_neat_genome_validate on top. */
static void
check_invariants (const MdkNeatGenome *g,
                  const MdkNeatParams *params)
{
  guint fixed = g->n_inputs + 1 + g->n_outputs;
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g->n_nodes, >=, fixed);
  g_assert_cmpuint (g->n_nodes, <=, g->nodes_cap);
  g_assert_cmpuint (g->n_conns, <=, g->conns_cap);
  for (guint i = 0; i < g->n_nodes; i++)
    {
      const MdkNeatNode *n = &g->nodes[i];
      MdkNeatNodeType expected = i < g->n_inputs ? MDK_NEAT_NODE_INPUT
                                 : i == g->n_inputs ? MDK_NEAT_NODE_BIAS
                                 : i < fixed ? MDK_NEAT_NODE_OUTPUT : MDK_NEAT_NODE_HIDDEN;

      if (i < fixed)
        g_assert_cmpuint (n->id, ==, i);
      if (i > 0)
        g_assert_cmpuint (n->id, >, g->nodes[i - 1].id);
      g_assert_cmpuint (n->type, ==, expected);
      g_assert_cmpuint (n->activation, <, MDK_N_ACTIVATIONS);
      g_assert_true (isfinite (n->bias));
      g_assert_cmpfloat (fabs (n->bias), <=, params->weight_max);
    }

  for (guint i = 0; i < g->n_conns; i++)
    {
      const MdkNeatConn *c = &g->conns[i];
      int in = node_pos (g, c->in);
      int out = node_pos (g, c->out);
      guint64 *key = g_new (guint64, 1);

      if (i > 0)
        g_assert_cmpuint (c->innovation, >, g->conns[i - 1].innovation);
      g_assert_cmpint (in, >=, 0);
      g_assert_cmpint (out, >=, 0);
      g_assert_cmpuint (g->nodes[out].type, !=, MDK_NEAT_NODE_INPUT);
      g_assert_cmpuint (g->nodes[out].type, !=, MDK_NEAT_NODE_BIAS);
      g_assert_true (c->enabled == TRUE || c->enabled == FALSE);
      g_assert_true (isfinite (c->weight));
      g_assert_cmpfloat (fabs (c->weight), <=, params->weight_max);
      *key = PAIR (c->in, c->out);
      g_assert_false (g_hash_table_contains (pairs, key));
      g_hash_table_add (pairs, key);
      g_assert_cmpint (mdk_neat_genome_find_conn (g, c->in, c->out), ==, (int) i);
      g_assert_cmpint (mdk_neat_genome_find_node (g, c->in), ==, in);
      g_assert_cmpint (mdk_neat_genome_find_node (g, c->out), ==, out);
    }

  g_assert_cmpint (mdk_neat_genome_is_acyclic (g), ==, reference_acyclic (g));
  if (!params->allow_recurrent)
    g_assert_true (reference_acyclic (g));
  mdk_neat_genome_validate (g, params->allow_recurrent, &error);
  g_assert_no_error (error);
}

/* Innovation alignment: across every genome a tracker ever produced, one
 * innovation number stands for one (in, out) pair. */
static void
record_alignment (GHashTable          *registry,
                  const MdkNeatGenome *g)
{
  for (guint i = 0; i < g->n_conns; i++)
    {
      gpointer key = GUINT_TO_POINTER (g->conns[i].innovation);
      guint64 pair = PAIR (g->conns[i].in, g->conns[i].out);
      guint64 *known = g_hash_table_lookup (registry, key);

      g_assert_cmpuint (g->conns[i].innovation, >, 0);
      if (known != NULL)
        g_assert_cmphex (*known, ==, pair);
      else
        g_hash_table_insert (registry, key, g_memdup2 (&pair, sizeof pair));
    }
}

typedef struct
{
  guint mutations;
  guint crossovers;
  guint max_hidden;
  guint max_conns;
  guint disabled_seen;
  guint cyclic_seen;
} EvolveStats;

/* Many genomes mutated for many generations with one tracker, some of them
 * replaced by crossover children; every genome produced is checked. */
static void
evolve_and_check (guint64        seed,
                  gboolean       allow_recurrent,
                  guint          n_genomes,
                  guint          n_generations,
                  EvolveStats   *stats)
{
  const guint n_in = 3, n_out = 2;
  MdkNeatParams params;
  MdkRng rng;
  g_autoptr(MdkNeatInnovation) tracker = tracker_for (n_in, n_out);
  g_autoptr(GPtrArray) pop = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_neat_genome_free);
  g_autoptr(GHashTable) registry = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);

  memset (stats, 0, sizeof *stats);
  mutation_params (&params, allow_recurrent);
  mdk_rng_init (&rng, seed);
  for (guint i = 0; i < n_genomes; i++)
    {
      MdkNeatGenome *g = mdk_neat_genome_new_minimal (n_in, n_out, MDK_ACTIVATION_TANH, 1.0, &rng);
      check_invariants (g, &params);
      record_alignment (registry, g);
      g_ptr_array_add (pop, g);
    }

  for (guint gen = 0; gen < n_generations; gen++)
    {
      for (guint i = 0; i < pop->len; i++)
        {
          MdkNeatGenome *g = pop->pdata[i];
          guint n = 1 + mdk_rng_below (&rng, 3);

          for (guint k = 0; k < n; k++)
            {
              mdk_neat_genome_mutate (g, &params, tracker, &rng);
              stats->mutations++;
              check_invariants (g, &params);
              record_alignment (registry, g);
            }
          stats->max_hidden = MAX (stats->max_hidden, mdk_neat_genome_count_hidden (g));
          stats->max_conns = MAX (stats->max_conns, g->n_conns);
          if (mdk_neat_genome_count_enabled (g) < g->n_conns)
            stats->disabled_seen++;
          if (!mdk_neat_genome_is_acyclic (g))
            stats->cyclic_seen++;
        }

      /* A few crossover children; fitness from {0, 1, 2} so that both the
       * fitter-parent and the equal-fitness cases occur. */
      for (guint k = 0; k < 4; k++)
        {
          guint a = mdk_rng_below (&rng, pop->len);
          guint b = mdk_rng_below (&rng, pop->len);
          guint c = mdk_rng_below (&rng, pop->len);
          MdkNeatGenome *ga = pop->pdata[a];
          MdkNeatGenome *gb = pop->pdata[b];
          MdkNeatGenome *child;

          ga->fitness = mdk_rng_below (&rng, 3);
          gb->fitness = mdk_rng_below (&rng, 3);
          child = mdk_neat_genome_crossover (ga, gb, &params, &rng);
          stats->crossovers++;
          check_invariants (child, &params);
          record_alignment (registry, child);
          mdk_neat_genome_free (g_ptr_array_steal_index (pop, c));
          g_ptr_array_insert (pop, c, child);
        }

      /* Sometimes two generations share one tracker generation, so that the
       * same mutation made twice by a genome is exercised as well. */
      if (gen % 3 != 1)
        mdk_neat_innovation_next_generation (tracker);
    }
}

static void
test_genome_mutation_invariants (void)
{
  EvolveStats stats;

  evolve_and_check (20240601, FALSE, 24, 50, &stats);
  g_test_message ("%u mutations, %u crossovers, up to %u hidden nodes and %u connections",
                  stats.mutations, stats.crossovers, stats.max_hidden, stats.max_conns);

  /* The run must really have exercised structure, or it proves nothing. */
  g_assert_cmpuint (stats.mutations, >=, 2000);
  g_assert_cmpuint (stats.crossovers, >=, 150);
  g_assert_cmpuint (stats.max_hidden, >=, 5);
  g_assert_cmpuint (stats.max_conns, >=, 20);
  g_assert_cmpuint (stats.disabled_seen, >, 0);
  g_assert_cmpuint (stats.cyclic_seen, ==, 0);
}

static void
test_genome_recurrent_invariants (void)
{
  EvolveStats stats;

  evolve_and_check (77, TRUE, 16, 30, &stats);
  g_assert_cmpuint (stats.mutations, >=, 800);
  /* With recurrence allowed, add-connection does close loops. */
  g_assert_cmpuint (stats.cyclic_seen, >, 0);
}

/* validate () is used as an oracle above, so make sure it does reject. */
static void
test_genome_validate_rejects (void)
{
  g_autoptr(GError) error = NULL;
  MdkRng rng;
  MdkNeatGenome *g;

  mdk_rng_init (&rng, 5);

  /* A loop 4 → 5 → 4 between hidden nodes. */
  g = mdk_neat_genome_new_minimal (2, 1, MDK_ACTIVATION_TANH, 1.0, &rng);
  mdk_neat_genome_insert_node (g, 4, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.0);
  mdk_neat_genome_insert_node (g, 5, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.0);
  mdk_neat_genome_insert_conn (g, 4, 5, 10, 1.0, TRUE);
  mdk_neat_genome_insert_conn (g, 5, 4, 11, 1.0, FALSE);
  g_assert_false (mdk_neat_genome_is_acyclic (g));
  g_assert_true (mdk_neat_genome_creates_cycle (g, 4, 4));
  g_assert_false (mdk_neat_genome_validate (g, FALSE, &error));
  g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (mdk_neat_genome_validate (g, TRUE, &error));
  g_assert_no_error (error);

  /* A connection into the bias node. */
  mdk_neat_genome_insert_conn (g, 0, 2, 12, 1.0, TRUE);
  g_assert_false (mdk_neat_genome_validate (g, TRUE, &error));
  g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
  g_clear_error (&error);
  mdk_neat_genome_remove_conn_at (g, g->n_conns - 1);

  /* The same pair twice. */
  mdk_neat_genome_insert_conn (g, 4, 5, 13, 1.0, TRUE);
  g_assert_false (mdk_neat_genome_validate (g, TRUE, &error));
  g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
  g_clear_error (&error);
  mdk_neat_genome_remove_conn_at (g, g->n_conns - 1);

  /* An endpoint that does not exist. */
  mdk_neat_genome_insert_conn (g, 9, 3, 14, 1.0, TRUE);
  g_assert_false (mdk_neat_genome_validate (g, TRUE, &error));
  g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
  g_clear_error (&error);
  mdk_neat_genome_remove_conn_at (g, g->n_conns - 1);

  g_assert_true (mdk_neat_genome_validate (g, TRUE, &error));
  g_assert_no_error (error);
  mdk_neat_genome_free (g);
}

/* creates_cycle (in, out) must agree with "adding in → out leaves a cyclic
 * genome", for every pair of nodes of evolved genomes. */
static void
test_genome_creates_cycle (void)
{
  const guint n_in = 2, n_out = 2;
  MdkNeatParams params;
  MdkRng rng;
  g_autoptr(MdkNeatInnovation) tracker = tracker_for (n_in, n_out);
  guint checked_true = 0, checked_false = 0;

  mutation_params (&params, FALSE);
  mdk_rng_init (&rng, 99);
  for (guint trial = 0; trial < 12; trial++)
    {
      g_autoptr(MdkNeatGenome) g = mdk_neat_genome_new_minimal (n_in, n_out, MDK_ACTIVATION_TANH,
                                                               1.0, &rng);
      for (guint k = 0; k < 25; k++)
        mdk_neat_genome_mutate (g, &params, tracker, &rng);
      mdk_neat_innovation_next_generation (tracker);

      for (guint a = 0; a < g->n_nodes; a++)
        for (guint b = n_in + 1; b < g->n_nodes; b++)
          {
            g_autoptr(MdkNeatGenome) probe = mdk_neat_genome_copy (g);
            gboolean cycle = mdk_neat_genome_creates_cycle (g, g->nodes[a].id, g->nodes[b].id);

            mdk_neat_genome_insert_conn (probe, g->nodes[a].id, g->nodes[b].id,
                                         mdk_neat_genome_max_innovation (g) + 1, 1.0, TRUE);
            g_assert_cmpint (cycle, ==, !reference_acyclic (probe));
            if (cycle)
              checked_true++;
            else
              checked_false++;
          }
    }
  g_assert_cmpuint (checked_true, >, 0);
  g_assert_cmpuint (checked_false, >, 0);
}

static void
test_innovation_tracker (void)
{
  g_autoptr(MdkNeatInnovation) tracker = mdk_neat_innovation_new (10, 7);
  guint32 a, b, c, d, e, next;
  guint32 n1, i1, o1, n2, i2, o2, n3, i3, o3, n4, i4, o4;

  a = mdk_neat_innovation_connection (tracker, 1, 5);
  g_assert_cmpuint (a, >=, 10);
  next = mdk_neat_innovation_peek_next (tracker);
  b = mdk_neat_innovation_connection (tracker, 1, 5);
  g_assert_cmpuint (b, ==, a);
  /* Asking again hands out no new number. */
  g_assert_cmpuint (mdk_neat_innovation_peek_next (tracker), ==, next);
  c = mdk_neat_innovation_connection (tracker, 5, 1);
  d = mdk_neat_innovation_connection (tracker, 2, 5);
  g_assert_cmpuint (c, !=, a);
  g_assert_cmpuint (d, !=, a);
  g_assert_cmpuint (d, !=, c);

  mdk_neat_innovation_split (tracker, a, &n1, &i1, &o1);
  mdk_neat_innovation_split (tracker, a, &n2, &i2, &o2);
  g_assert_cmpuint (n1, >=, 7);
  g_assert_cmpuint (n1, ==, n2);
  g_assert_cmpuint (i1, ==, i2);
  g_assert_cmpuint (o1, ==, o2);
  g_assert_cmpuint (i1, !=, o1);
  g_assert_cmpuint (i1, >, MAX (MAX (a, c), d));
  g_assert_cmpuint (o1, >, MAX (MAX (a, c), d));

  mdk_neat_innovation_split (tracker, c, &n3, &i3, &o3);
  g_assert_cmpuint (n3, !=, n1);
  g_assert_cmpuint (i3, !=, i1);
  g_assert_cmpuint (i3, !=, o1);
  g_assert_cmpuint (o3, !=, i1);
  g_assert_cmpuint (o3, !=, o1);

  /* A new generation: the same mutations are new innovations. */
  mdk_neat_innovation_next_generation (tracker);
  e = mdk_neat_innovation_connection (tracker, 1, 5);
  g_assert_cmpuint (e, >, MAX (MAX (o1, i1), MAX (o3, i3)));
  mdk_neat_innovation_split (tracker, a, &n4, &i4, &o4);
  g_assert_cmpuint (n4, >, MAX (n1, n3));
  g_assert_cmpuint (i4, >, e);
  g_assert_cmpuint (o4, >, e);
  g_assert_cmpuint (i4, !=, o4);
  g_assert_cmpuint (mdk_neat_innovation_new_node (tracker), >, n4);

  /* reserve () only ever raises the counters. */
  mdk_neat_innovation_reserve (tracker, 500, 300);
  g_assert_cmpuint (mdk_neat_innovation_connection (tracker, 40, 41), >, 500);
  g_assert_cmpuint (mdk_neat_innovation_new_node (tracker), >, 300);
  next = mdk_neat_innovation_peek_next (tracker);
  mdk_neat_innovation_reserve (tracker, 3, 3);
  g_assert_cmpuint (mdk_neat_innovation_peek_next (tracker), ==, next);
  g_assert_cmpuint (mdk_neat_innovation_peek_next_node (tracker), >, 301);
}

/* 1 input, 1 output, hidden node 3: only 1 → 3 (bias to hidden) is still a
 * legal new feed-forward connection. */
static MdkNeatGenome *
one_free_connection_genome (void)
{
  MdkNeatGenome *g = mdk_neat_genome_new (1, 1);

  mdk_neat_genome_insert_node (g, 3, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.0);
  mdk_neat_genome_insert_conn (g, 0, 2, 1, 0.5, TRUE);
  mdk_neat_genome_insert_conn (g, 1, 2, 2, 0.5, TRUE);
  mdk_neat_genome_insert_conn (g, 0, 3, 3, 0.5, TRUE);
  mdk_neat_genome_insert_conn (g, 3, 2, 4, 0.5, TRUE);
  return g;
}

static guint32
add_the_connection (MdkNeatGenome       *g,
                    const MdkNeatParams *params,
                    MdkNeatInnovation   *tracker,
                    MdkRng              *rng)
{
  guint tries = 0;
  int pos;

  while (!mdk_neat_genome_mutate_add_connection (g, params, tracker, rng))
    g_assert_cmpuint (++tries, <, 200);
  g_assert_cmpuint (g->n_conns, ==, 5);
  pos = mdk_neat_genome_find_conn (g, 1, 3);
  g_assert_cmpint (pos, >=, 0);
  g_assert_true (g->conns[pos].enabled);
  g_assert_cmpfloat (fabs (g->conns[pos].weight), <=, params->initial_weight_range);
  /* No further connection is possible without a cycle. */
  g_assert_false (mdk_neat_genome_mutate_add_connection (g, params, tracker, rng));
  return g->conns[pos].innovation;
}

static void
test_innovation_add_connection_shared (void)
{
  MdkNeatParams params;
  MdkRng rng;
  g_autoptr(MdkNeatInnovation) tracker = mdk_neat_innovation_new (5, 4);
  g_autoptr(MdkNeatGenome) g1 = one_free_connection_genome ();
  g_autoptr(MdkNeatGenome) g2 = one_free_connection_genome ();
  g_autoptr(MdkNeatGenome) g3 = one_free_connection_genome ();
  guint32 inn1, inn2, inn3;

  mdk_neat_params_init_defaults (&params);
  mdk_rng_init (&rng, 3);
  inn1 = add_the_connection (g1, &params, tracker, &rng);
  inn2 = add_the_connection (g2, &params, tracker, &rng);
  g_assert_cmpuint (inn1, ==, inn2);
  g_assert_cmpuint (inn1, >, 4);

  mdk_neat_innovation_next_generation (tracker);
  inn3 = add_the_connection (g3, &params, tracker, &rng);
  g_assert_cmpuint (inn3, !=, inn1);
  g_assert_cmpuint (inn3, >, inn1);
}

/* 2 inputs, 1 output (id 3): a single enabled connection 0 → 3 to split. */
static MdkNeatGenome *
one_enabled_connection_genome (void)
{
  MdkNeatGenome *g = mdk_neat_genome_new (2, 1);

  g->nodes[3].activation = MDK_ACTIVATION_IDENTITY;
  mdk_neat_genome_insert_conn (g, 0, 3, 1, 0.7, TRUE);
  mdk_neat_genome_insert_conn (g, 1, 3, 2, -1.3, FALSE);
  mdk_neat_genome_insert_conn (g, 2, 3, 3, 0.25, FALSE);
  return g;
}

static void
test_genome_add_node_structure (void)
{
  MdkNeatParams params;
  MdkRng rng;
  g_autoptr(MdkNeatInnovation) tracker = mdk_neat_innovation_new (4, 4);
  g_autoptr(MdkNeatGenome) g1 = one_enabled_connection_genome ();
  g_autoptr(MdkNeatGenome) g2 = one_enabled_connection_genome ();
  g_autoptr(MdkNeatGenome) g3 = one_enabled_connection_genome ();
  g_autoptr(MdkNeatGenome) empty = one_enabled_connection_genome ();
  g_autoptr(GError) error = NULL;
  guint32 node_id, in_inn, out_inn;
  int pos_in, pos_out;

  mdk_neat_params_init_defaults (&params);
  params.hidden_activation = MDK_ACTIVATION_RELU;
  mdk_rng_init (&rng, 11);

  g_assert_true (mdk_neat_genome_mutate_add_node (g1, &params, tracker, &rng));
  g_assert_cmpuint (g1->n_nodes, ==, 5);
  g_assert_cmpuint (g1->n_conns, ==, 5);
  g_assert_cmpuint (mdk_neat_genome_count_hidden (g1), ==, 1);

  /* The split connection stays, disabled, with its weight. */
  g_assert_cmpuint (g1->conns[0].innovation, ==, 1);
  g_assert_false (g1->conns[0].enabled);
  g_assert_cmpfloat (g1->conns[0].weight, ==, 0.7);

  node_id = g1->nodes[4].id;
  g_assert_cmpuint (node_id, >=, 4);
  g_assert_cmpuint (g1->nodes[4].type, ==, MDK_NEAT_NODE_HIDDEN);
  g_assert_cmpuint (g1->nodes[4].activation, ==, MDK_ACTIVATION_RELU);
  g_assert_cmpfloat (g1->nodes[4].bias, ==, 0.0);

  /* in → new with weight 1, new → out with the old weight. */
  pos_in = mdk_neat_genome_find_conn (g1, 0, node_id);
  pos_out = mdk_neat_genome_find_conn (g1, node_id, 3);
  g_assert_cmpint (pos_in, >=, 0);
  g_assert_cmpint (pos_out, >=, 0);
  g_assert_cmpfloat (g1->conns[pos_in].weight, ==, 1.0);
  g_assert_cmpfloat (g1->conns[pos_out].weight, ==, 0.7);
  g_assert_true (g1->conns[pos_in].enabled);
  g_assert_true (g1->conns[pos_out].enabled);
  in_inn = g1->conns[pos_in].innovation;
  out_inn = g1->conns[pos_out].innovation;
  g_assert_cmpuint (in_inn, >, 3);
  g_assert_cmpuint (out_inn, >, 3);
  g_assert_cmpuint (in_inn, !=, out_inn);
  g_assert_true (mdk_neat_genome_validate (g1, FALSE, &error));
  g_assert_no_error (error);

  /* The same split in another genome this generation: same numbers. */
  g_assert_true (mdk_neat_genome_mutate_add_node (g2, &params, tracker, &rng));
  g_assert_cmpuint (g2->n_nodes, ==, 5);
  g_assert_cmpuint (g2->nodes[4].id, ==, node_id);
  g_assert_cmpint (mdk_neat_genome_find_conn (g2, 0, node_id), >=, 0);
  g_assert_cmpuint (g2->conns[mdk_neat_genome_find_conn (g2, 0, node_id)].innovation, ==, in_inn);
  g_assert_cmpuint (g2->conns[mdk_neat_genome_find_conn (g2, node_id, 3)].innovation, ==, out_inn);

  /* The same genome splitting the same gene again (re-enabled) must not
   * reuse the node it already has. */
  g2->conns[0].enabled = TRUE;
  g2->conns[mdk_neat_genome_find_conn (g2, 0, node_id)].enabled = FALSE;
  g2->conns[mdk_neat_genome_find_conn (g2, node_id, 3)].enabled = FALSE;
  g_assert_true (mdk_neat_genome_mutate_add_node (g2, &params, tracker, &rng));
  g_assert_cmpuint (g2->n_nodes, ==, 6);
  g_assert_cmpuint (g2->n_conns, ==, 7);
  g_assert_cmpuint (g2->nodes[5].id, !=, node_id);
  g_assert_true (mdk_neat_genome_validate (g2, FALSE, &error));
  g_assert_no_error (error);

  /* Next generation: a fresh node and fresh numbers. */
  mdk_neat_innovation_next_generation (tracker);
  g_assert_true (mdk_neat_genome_mutate_add_node (g3, &params, tracker, &rng));
  g_assert_cmpuint (g3->nodes[4].id, !=, node_id);
  g_assert_cmpuint (g3->nodes[4].id, >, node_id);
  g_assert_cmpuint (g3->conns[mdk_neat_genome_find_conn (g3, 0, g3->nodes[4].id)].innovation,
                    >, MAX (in_inn, out_inn));
  g_assert_cmpuint (g3->conns[mdk_neat_genome_find_conn (g3, g3->nodes[4].id, 3)].innovation,
                    >, MAX (in_inn, out_inn));

  /* Nothing to split when every connection is disabled. */
  empty->conns[0].enabled = FALSE;
  g_assert_false (mdk_neat_genome_mutate_add_node (empty, &params, tracker, &rng));
  g_assert_cmpuint (empty->n_nodes, ==, 4);
  g_assert_cmpuint (empty->n_conns, ==, 3);
}

/* Largest output difference between two genomes' networks over random
 * inputs in [-2, 2]. */
static double
max_output_difference (const MdkNeatGenome *a,
                       const MdkNeatGenome *b,
                       MdkRng              *rng)
{
  g_autoptr(MdkNetwork) na = mdk_network_new ();
  g_autoptr(MdkNetwork) nb = mdk_network_new ();
  double in[8], out_a[8], out_b[8];
  double worst = 0.0;

  g_assert_cmpuint (a->n_inputs, <=, G_N_ELEMENTS (in));
  g_assert_cmpuint (a->n_outputs, <=, G_N_ELEMENTS (out_a));
  mdk_neat_genome_decode (a, na);
  mdk_neat_genome_decode (b, nb);
  for (guint row = 0; row < 20; row++)
    {
      for (guint i = 0; i < a->n_inputs; i++)
        in[i] = mdk_rng_range (rng, -2.0, 2.0);
      mdk_network_activate (na, in, out_a);
      mdk_network_activate (nb, in, out_b);
      for (guint o = 0; o < a->n_outputs; o++)
        worst = MAX (worst, fabs (out_a[o] - out_b[o]));
    }
  return worst;
}

/* Splitting a connection with an identity node, bias 0, weights 1 and w,
 * computes w·x again: the linear network's output does not change.  With a
 * sigmoid node it does. */
static void
test_genome_add_node_output (void)
{
  MdkNeatParams params;
  MdkRng rng;
  g_autoptr(MdkNeatInnovation) tracker = tracker_for (3, 2);
  guint changed = 0;

  mdk_neat_params_init_defaults (&params);
  mdk_rng_init (&rng, 2002);
  for (guint trial = 0; trial < 40; trial++)
    {
      g_autoptr(MdkNeatGenome) before = mdk_neat_genome_new_minimal (3, 2, MDK_ACTIVATION_IDENTITY,
                                                                    2.0, &rng);
      g_autoptr(MdkNeatGenome) linear = NULL;
      g_autoptr(MdkNeatGenome) squashed = NULL;

      /* Output biases too, so that they are not lost on the way. */
      before->nodes[4].bias = mdk_rng_range (&rng, -1.0, 1.0);
      before->nodes[5].bias = mdk_rng_range (&rng, -1.0, 1.0);

      linear = mdk_neat_genome_copy (before);
      params.hidden_activation = MDK_ACTIVATION_IDENTITY;
      for (guint k = 0; k < 1 + trial % 4; k++)
        g_assert_true (mdk_neat_genome_mutate_add_node (linear, &params, tracker, &rng));
      g_assert_cmpuint (mdk_neat_genome_count_hidden (linear), ==, 1 + trial % 4);
      g_assert_cmpfloat (max_output_difference (before, linear, &rng), <, 1e-9);

      squashed = mdk_neat_genome_copy (before);
      params.hidden_activation = MDK_ACTIVATION_NEAT_SIGMOID;
      g_assert_true (mdk_neat_genome_mutate_add_node (squashed, &params, tracker, &rng));
      if (max_output_difference (before, squashed, &rng) > 1e-3)
        changed++;
      mdk_neat_innovation_next_generation (tracker);
    }
  /* A sigmoid only leaves the output alone when the split weight is ~0. */
  g_assert_cmpuint (changed, >=, 35);
}

/* Stanley & Miikkulainen (2002), figure 4.  Paper nodes 1, 2, 3 are inputs
 * (ids 0, 1, 2 here, the bias being 3), node 4 is the output and 5, 6 hidden,
 * which keep their numbers. */
static guint32
fig4_node (guint paper_id)
{
  return paper_id <= 3 ? paper_id - 1 : paper_id;
}

typedef struct
{
  guint    innovation;
  guint    in, out;     /* paper numbering */
  gboolean enabled;
} Fig4Gene;

static const Fig4Gene fig4_parent1[] = {
  { 1, 1, 4, TRUE }, { 2, 2, 4, FALSE }, { 3, 3, 4, TRUE }, { 4, 2, 5, TRUE },
  { 5, 5, 4, TRUE }, { 8, 1, 5, TRUE },
};
static const Fig4Gene fig4_parent2[] = {
  { 1, 1, 4, TRUE }, { 2, 2, 4, FALSE }, { 3, 3, 4, TRUE }, { 4, 2, 5, TRUE },
  { 5, 5, 4, FALSE }, { 6, 5, 6, TRUE }, { 7, 6, 4, TRUE }, { 9, 3, 5, TRUE },
  { 10, 1, 6, TRUE },
};

/* Distinct weights per parent and gene, to tell where a gene came from. */
static double
fig4_weight (guint parent,
             guint innovation)
{
  return parent == 1 ? 0.5 + 0.125 * innovation : -0.25 - 0.0625 * innovation;
}

static MdkNeatGenome *
fig4_genome (guint parent)
{
  const Fig4Gene *genes = parent == 1 ? fig4_parent1 : fig4_parent2;
  guint n = parent == 1 ? G_N_ELEMENTS (fig4_parent1) : G_N_ELEMENTS (fig4_parent2);
  MdkNeatGenome *g = mdk_neat_genome_new (3, 1);
  g_autoptr(GError) error = NULL;

  mdk_neat_genome_insert_node (g, 5, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH,
                               parent == 1 ? 0.125 : -0.125);
  if (parent == 2)
    mdk_neat_genome_insert_node (g, 6, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_RELU, 0.0);
  for (guint i = 0; i < n; i++)
    mdk_neat_genome_insert_conn (g, fig4_node (genes[i].in), fig4_node (genes[i].out),
                                 genes[i].innovation, fig4_weight (parent, genes[i].innovation),
                                 genes[i].enabled);
  g_assert_true (mdk_neat_genome_validate (g, FALSE, &error));
  g_assert_no_error (error);
  return g;
}

static const Fig4Gene *
fig4_find (guint parent,
           guint innovation)
{
  const Fig4Gene *genes = parent == 1 ? fig4_parent1 : fig4_parent2;
  guint n = parent == 1 ? G_N_ELEMENTS (fig4_parent1) : G_N_ELEMENTS (fig4_parent2);

  for (guint i = 0; i < n; i++)
    if (genes[i].innovation == innovation)
      return &genes[i];
  return NULL;
}

/* The child's innovation numbers as a bit mask (all are below 32). */
static guint32
innovation_mask (const MdkNeatGenome *g)
{
  guint32 mask = 0;

  for (guint i = 0; i < g->n_conns; i++)
    {
      g_assert_cmpuint (g->conns[i].innovation, <, 32);
      mask |= 1u << g->conns[i].innovation;
    }
  return mask;
}

static guint32
fig4_mask (guint parent)
{
  const Fig4Gene *genes = parent == 1 ? fig4_parent1 : fig4_parent2;
  guint n = parent == 1 ? G_N_ELEMENTS (fig4_parent1) : G_N_ELEMENTS (fig4_parent2);
  guint32 mask = 0;

  for (guint i = 0; i < n; i++)
    mask |= 1u << genes[i].innovation;
  return mask;
}

/* Every child gene is the gene of a parent that has it: same pair, and the
 * weight of one of the parents that carries it. */
static void
check_fig4_child_genes (const MdkNeatGenome *child)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < child->n_conns; i++)
    {
      const MdkNeatConn *c = &child->conns[i];
      const Fig4Gene *g1 = fig4_find (1, c->innovation);
      const Fig4Gene *g2 = fig4_find (2, c->innovation);
      const Fig4Gene *any = g1 ? g1 : g2;

      g_assert_nonnull (any);
      g_assert_cmpuint (c->in, ==, fig4_node (any->in));
      g_assert_cmpuint (c->out, ==, fig4_node (any->out));
      if (g1 != NULL && g2 != NULL)
        g_assert_true (c->weight == fig4_weight (1, c->innovation) ||
                       c->weight == fig4_weight (2, c->innovation));
      else
        {
          /* Disjoint and excess genes keep their parent's weight and state. */
          g_assert_cmpfloat (c->weight, ==, fig4_weight (g1 ? 1 : 2, c->innovation));
          g_assert_cmpint (c->enabled, ==, any->enabled);
        }
    }
  g_assert_true (mdk_neat_genome_validate (child, FALSE, &error));
  g_assert_no_error (error);
}

static void
test_crossover_fitter_parent (void)
{
  MdkNeatParams params;
  g_autoptr(MdkNeatGenome) p1 = fig4_genome (1);
  g_autoptr(MdkNeatGenome) p2 = fig4_genome (2);

  paper_crossover_params (&params);
  for (guint64 seed = 0; seed < 100; seed++)
    {
      MdkRng rng;
      g_autoptr(MdkNeatGenome) c1 = NULL;
      g_autoptr(MdkNeatGenome) c2 = NULL;
      g_autoptr(MdkNeatGenome) c3 = NULL;
      g_autoptr(MdkNeatGenome) c4 = NULL;

      mdk_rng_init (&rng, seed);

      /* Parent 1 fitter, in either argument order: parent 1's genes. */
      p1->fitness = 2.0;
      p2->fitness = 1.0;
      c1 = mdk_neat_genome_crossover (p1, p2, &params, &rng);
      c2 = mdk_neat_genome_crossover (p2, p1, &params, &rng);
      g_assert_cmphex (innovation_mask (c1), ==, fig4_mask (1));
      g_assert_cmphex (innovation_mask (c2), ==, fig4_mask (1));
      g_assert_cmpuint (mdk_neat_genome_count_hidden (c1), ==, 1);
      g_assert_cmpuint (c1->nodes[5].id, ==, 5);
      check_fig4_child_genes (c1);
      check_fig4_child_genes (c2);
      g_assert_false (c1->fitness_valid);

      /* Parent 2 fitter: parent 2's genes and both hidden nodes. */
      p1->fitness = -3.0;
      p2->fitness = 0.5;
      c3 = mdk_neat_genome_crossover (p1, p2, &params, &rng);
      c4 = mdk_neat_genome_crossover (p2, p1, &params, &rng);
      g_assert_cmphex (innovation_mask (c3), ==, fig4_mask (2));
      g_assert_cmphex (innovation_mask (c4), ==, fig4_mask (2));
      g_assert_cmpuint (mdk_neat_genome_count_hidden (c3), ==, 2);
      g_assert_cmpint (mdk_neat_genome_find_node (c3, 6), >=, 0);
      check_fig4_child_genes (c3);
      check_fig4_child_genes (c4);
    }
}

/* With equal fitness each disjoint or excess gene is inherited with
 * probability 1/2 (the paper: "inherited randomly"), so a child holding all
 * of them is rare; with k such genes about n / 2^k children do. */
static void
check_random_inheritance (guint       union_children,
                          guint       n_children,
                          guint       n_unmatched,
                          const char *what)
{
  double expected = n_children / (double) (1u << n_unmatched);

  g_test_message ("%s: %u of %u children hold every gene (expected about %.1f)",
                  what, union_children, n_children, expected);
  g_assert_cmpfloat (union_children, <=, 4 * expected + 8);
}

static void
test_crossover_equal_fitness (void)
{
  MdkNeatParams params;
  g_autoptr(MdkNeatGenome) p1 = fig4_genome (1);
  g_autoptr(MdkNeatGenome) p2 = fig4_genome (2);
  guint32 matching = fig4_mask (1) & fig4_mask (2);
  guint32 all = fig4_mask (1) | fig4_mask (2);
  guint seen[2][11] = { { 0 } };
  guint union_children = 0, n_children = 0;
  const guint n_seeds = 200;

  paper_crossover_params (&params);
  p1->fitness = p2->fitness = 1.5;
  for (guint64 seed = 0; seed < n_seeds; seed++)
    {
      MdkRng rng;

      mdk_rng_init (&rng, seed);
      for (guint order = 0; order < 2; order++)
        {
          g_autoptr(MdkNeatGenome) child = order == 0
                                           ? mdk_neat_genome_crossover (p1, p2, &params, &rng)
                                           : mdk_neat_genome_crossover (p2, p1, &params, &rng);
          guint32 mask = innovation_mask (child);

          /* Matching genes always, and nothing but the parents' genes. */
          g_assert_cmphex (mask & matching, ==, matching);
          g_assert_cmphex (mask & ~all, ==, 0);
          check_fig4_child_genes (child);
          for (guint k = child->n_inputs + 1 + child->n_outputs; k < child->n_nodes; k++)
            g_assert_true (child->nodes[k].id == 5 || child->nodes[k].id == 6);
          for (guint inn = 6; inn <= 10; inn++)
            if (mask & (1u << inn))
              seen[order][inn]++;
          n_children++;
          if (mask == all)
            union_children++;
        }
    }

  /* Neither parent counts as the fitter one: the disjoint and excess genes
   * of both reach children, as often whichever parent is passed first
   * (σ of the difference is at most 0.05 here). */
  for (guint inn = 6; inn <= 10; inn++)
    {
      g_assert_cmpuint (seen[0][inn], >, 0);
      g_assert_cmpuint (seen[1][inn], >, 0);
      g_assert_cmpfloat (fabs ((double) seen[0][inn] - seen[1][inn]) / n_seeds, <, 0.25);
    }
  /* Each of the unmatched genes 6 … 10 in about half the children. */
  for (guint inn = 6; inn <= 10; inn++)
    {
      double f = (double) (seen[0][inn] + seen[1][inn]) / n_children;
      g_assert_cmpfloat (f, >, 0.4);
      g_assert_cmpfloat (f, <, 0.6);
    }
  check_random_inheritance (union_children, n_children, 5, "figure 4");
}

/* Equal fitness where the other parent's genes clash: one repeats a pair
 * under another innovation number, one would close a loop. */
static void
test_crossover_equal_fitness_conflicts (void)
{
  MdkNeatParams params;
  g_autoptr(MdkNeatGenome) a = mdk_neat_genome_new (1, 1);   /* 0 in, 1 bias, 2 out */
  g_autoptr(MdkNeatGenome) b = mdk_neat_genome_new (1, 1);
  g_autoptr(GPtrArray) union_genes = g_ptr_array_new ();
  guint union_children = 0, n_children = 0;

  paper_crossover_params (&params);
  mdk_neat_genome_insert_node (a, 3, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.0);
  mdk_neat_genome_insert_node (a, 4, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.0);
  mdk_neat_genome_insert_conn (a, 0, 2, 1, 0.1, TRUE);
  mdk_neat_genome_insert_conn (a, 0, 3, 2, 0.2, TRUE);
  mdk_neat_genome_insert_conn (a, 3, 4, 3, 0.3, TRUE);
  mdk_neat_genome_insert_conn (a, 4, 2, 4, 0.4, TRUE);

  mdk_neat_genome_insert_node (b, 3, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.0);
  mdk_neat_genome_insert_node (b, 4, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.0);
  mdk_neat_genome_insert_node (b, 7, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.0);
  mdk_neat_genome_insert_conn (b, 0, 2, 1, -0.1, TRUE);
  mdk_neat_genome_insert_conn (b, 4, 3, 5, -0.5, TRUE);    /* loop with a's 3 → 4 */
  mdk_neat_genome_insert_conn (b, 0, 4, 6, -0.6, TRUE);    /* new, clashes with nothing */
  mdk_neat_genome_insert_conn (b, 0, 3, 9, -0.9, TRUE);    /* a's pair 0 → 3 again */
  mdk_neat_genome_insert_conn (b, 1, 7, 11, -1.1, TRUE);
  mdk_neat_genome_insert_conn (b, 7, 2, 12, -1.2, FALSE);
  g_assert_true (mdk_neat_genome_validate (a, FALSE, NULL));
  g_assert_true (mdk_neat_genome_validate (b, FALSE, NULL));
  a->fitness = b->fitness = 4.0;

  for (guint i = 0; i < a->n_conns; i++)
    g_ptr_array_add (union_genes, &a->conns[i]);
  for (guint i = 0; i < b->n_conns; i++)
    g_ptr_array_add (union_genes, &b->conns[i]);

  for (guint64 seed = 0; seed < 100; seed++)
    {
      MdkRng rng;

      mdk_rng_init (&rng, seed);
      for (guint order = 0; order < 2; order++)
        {
          g_autoptr(MdkNeatGenome) child = order == 0
                                           ? mdk_neat_genome_crossover (a, b, &params, &rng)
                                           : mdk_neat_genome_crossover (b, a, &params, &rng);
          g_autoptr(GError) error = NULL;
          gboolean is_union = TRUE;

          /* Whatever is inherited, the child is a valid feed-forward
           * genome: no repeated pair, no loop. */
          g_assert_true (mdk_neat_genome_validate (child, FALSE, &error));
          g_assert_no_error (error);
          g_assert_cmpint ((mdk_neat_genome_find_conn (child, 3, 4) >= 0) +
                           (mdk_neat_genome_find_conn (child, 4, 3) >= 0), <=, 1);
          g_assert_cmpint (mdk_neat_genome_find_conn (child, 0, 2), >=, 0);

          /* Every child gene is a gene of the union … */
          for (guint i = 0; i < child->n_conns; i++)
            {
              gboolean found = FALSE;
              for (guint k = 0; k < union_genes->len && !found; k++)
                {
                  const MdkNeatConn *u = union_genes->pdata[k];
                  found = u->innovation == child->conns[i].innovation &&
                          u->in == child->conns[i].in && u->out == child->conns[i].out &&
                          (u->innovation == 1 || u->weight == child->conns[i].weight);
                }
              g_assert_true (found);
            }

          /* … and (the union reading of figure 4) every union gene left out
           * would repeat a pair or close a loop in the child. */
          for (guint k = 0; k < union_genes->len; k++)
            {
              const MdkNeatConn *u = union_genes->pdata[k];
              gboolean present = FALSE;

              for (guint i = 0; i < child->n_conns; i++)
                present |= child->conns[i].innovation == u->innovation;
              if (!present && mdk_neat_genome_find_conn (child, u->in, u->out) < 0 &&
                  !mdk_neat_genome_creates_cycle (child, u->in, u->out))
                is_union = FALSE;
            }
          n_children++;
          if (is_union)
            {
              /* Then the clash-free genes are all there, and one side of
               * the 3 ↔ 4 loop. */
              g_assert_cmpint (mdk_neat_genome_find_conn (child, 0, 4), >=, 0);
              g_assert_cmpint (mdk_neat_genome_find_conn (child, 1, 7), >=, 0);
              g_assert_cmpint (mdk_neat_genome_find_conn (child, 7, 2), >=, 0);
              g_assert_cmpint (mdk_neat_genome_find_conn (child, 0, 3), >=, 0);
              g_assert_cmpint ((mdk_neat_genome_find_conn (child, 3, 4) >= 0) +
                               (mdk_neat_genome_find_conn (child, 4, 3) >= 0), ==, 1);
              union_children++;
            }
        }
    }
  check_random_inheritance (union_children, n_children, 2, "clashing genes");
}

static void
test_crossover_matching_genes (void)
{
  MdkNeatParams params;
  g_autoptr(MdkNeatGenome) p1 = fig4_genome (1);
  g_autoptr(MdkNeatGenome) p2 = fig4_genome (2);
  guint from1[11] = { 0 }, from2[11] = { 0 };
  guint bias_from1 = 0, bias_from2 = 0;
  const guint n = 1000;

  paper_crossover_params (&params);
  p1->fitness = 3.0;
  p2->fitness = 1.0;
  for (guint64 seed = 0; seed < n; seed++)
    {
      MdkRng rng;
      g_autoptr(MdkNeatGenome) child = NULL;
      int hidden;

      mdk_rng_init (&rng, seed);
      child = mdk_neat_genome_crossover (p1, p2, &params, &rng);
      for (guint i = 0; i < child->n_conns; i++)
        {
          guint inn = child->conns[i].innovation;
          if (child->conns[i].weight == fig4_weight (1, inn))
            from1[inn]++;
          else if (child->conns[i].weight == fig4_weight (2, inn))
            from2[inn]++;
          else
            g_assert_not_reached ();
        }
      /* Node 5 is in both parents: its bias comes from either. */
      hidden = mdk_neat_genome_find_node (child, 5);
      g_assert_cmpint (hidden, >=, 0);
      if (child->nodes[hidden].bias == 0.125)
        bias_from1++;
      else if (child->nodes[hidden].bias == -0.125)
        bias_from2++;
      else
        g_assert_not_reached ();
    }

  /* Matching genes 1 … 5 come from a random parent: about half each. */
  for (guint inn = 1; inn <= 5; inn++)
    {
      g_assert_cmpuint (from1[inn] + from2[inn], ==, n);
      g_assert_cmpuint (from1[inn], >, 0);
      g_assert_cmpuint (from2[inn], >, 0);
      g_assert_cmpfloat (fabs ((double) from1[inn] / n - 0.5), <, 0.08);
    }
  /* The excess gene 8 only from the fitter parent. */
  g_assert_cmpuint (from1[8], ==, n);
  g_assert_cmpuint (from2[8], ==, 0);
  g_assert_cmpuint (bias_from1, >, n / 4);
  g_assert_cmpuint (bias_from2, >, n / 4);
}

static double
disabled_fraction (const MdkNeatGenome *p1,
                   const MdkNeatGenome *p2,
                   const MdkNeatParams *params,
                   guint                innovation,
                   guint64              seed,
                   guint                n)
{
  MdkRng rng;
  guint disabled = 0;

  mdk_rng_init (&rng, seed);
  for (guint k = 0; k < n; k++)
    {
      g_autoptr(MdkNeatGenome) child = mdk_neat_genome_crossover (p1, p2, params, &rng);
      gboolean found = FALSE;

      for (guint i = 0; i < child->n_conns; i++)
        if (child->conns[i].innovation == innovation)
          {
            found = TRUE;
            disabled += child->conns[i].enabled ? 0 : 1;
          }
      g_assert_true (found);
    }
  return (double) disabled / n;
}

/* Paper, section 4.1: "there was a 75% chance that an inherited gene was
 * disabled if it was disabled in either parent". */
static void
test_crossover_disabled_genes (void)
{
  MdkNeatParams params;
  g_autoptr(MdkNeatGenome) p1 = fig4_genome (1);
  g_autoptr(MdkNeatGenome) p2 = fig4_genome (2);
  const guint n = 4000;
  /* σ = √(0.75·0.25/4000) ≈ 0.0068; five σ. */
  const double tolerance = 0.035;

  paper_crossover_params (&params);
  g_assert_cmpfloat (params.disable_inherit_prob, ==, 0.75);
  p1->fitness = 2.0;
  p2->fitness = 1.0;

  /* Gene 5: enabled in parent 1, disabled in parent 2. */
  g_assert_cmpfloat (fabs (disabled_fraction (p1, p2, &params, 5, 1, n) - 0.75), <, tolerance);
  /* Gene 2: disabled in both. */
  g_assert_cmpfloat (fabs (disabled_fraction (p1, p2, &params, 2, 2, n) - 0.75), <, tolerance);
  /* Genes enabled in both parents stay enabled. */
  g_assert_cmpfloat (disabled_fraction (p1, p2, &params, 1, 3, 500), ==, 0.0);
  g_assert_cmpfloat (disabled_fraction (p1, p2, &params, 4, 3, 500), ==, 0.0);
  /* Excess gene 8, enabled in the fitter parent. */
  g_assert_cmpfloat (disabled_fraction (p1, p2, &params, 8, 4, 500), ==, 0.0);

  /* The probability is the parameter's. */
  params.disable_inherit_prob = 0.0;
  g_assert_cmpfloat (disabled_fraction (p1, p2, &params, 5, 5, 500), ==, 0.0);
  params.disable_inherit_prob = 1.0;
  g_assert_cmpfloat (disabled_fraction (p1, p2, &params, 5, 6, 500), ==, 1.0);
  params.disable_inherit_prob = 0.3;
  g_assert_cmpfloat (fabs (disabled_fraction (p1, p2, &params, 5, 7, n) - 0.3), <, tolerance);
}

static void
assert_genomes_equal (const MdkNeatGenome *a,
                      const MdkNeatGenome *b)
{
  g_assert_cmpuint (a->n_inputs, ==, b->n_inputs);
  g_assert_cmpuint (a->n_outputs, ==, b->n_outputs);
  g_assert_cmpuint (a->n_nodes, ==, b->n_nodes);
  g_assert_cmpuint (a->n_conns, ==, b->n_conns);
  for (guint i = 0; i < a->n_nodes; i++)
    {
      g_assert_cmpuint (a->nodes[i].id, ==, b->nodes[i].id);
      g_assert_cmpuint (a->nodes[i].type, ==, b->nodes[i].type);
      g_assert_cmpuint (a->nodes[i].activation, ==, b->nodes[i].activation);
      g_assert_true (memcmp (&a->nodes[i].bias, &b->nodes[i].bias, sizeof (double)) == 0);
    }
  for (guint i = 0; i < a->n_conns; i++)
    {
      g_assert_cmpuint (a->conns[i].innovation, ==, b->conns[i].innovation);
      g_assert_cmpuint (a->conns[i].in, ==, b->conns[i].in);
      g_assert_cmpuint (a->conns[i].out, ==, b->conns[i].out);
      g_assert_cmpuint (a->conns[i].enabled, ==, b->conns[i].enabled);
      g_assert_true (memcmp (&a->conns[i].weight, &b->conns[i].weight, sizeof (double)) == 0);
    }
}

/* A child written into a recycled genome with larger, stale arrays is the
 * same as one written into a fresh genome. */
static void
test_crossover_recycled_child (void)
{
  MdkNeatParams params;
  g_autoptr(MdkNeatGenome) p1 = fig4_genome (1);
  g_autoptr(MdkNeatGenome) p2 = fig4_genome (2);
  g_autoptr(MdkNeatInnovation) tracker = tracker_for (4, 3);

  mutation_params (&params, FALSE);
  for (guint64 seed = 0; seed < 30; seed++)
    {
      MdkRng rng, rng_fresh, rng_recycled;
      g_autoptr(MdkNeatGenome) fresh = NULL;
      g_autoptr(MdkNeatGenome) recycled = NULL;

      mdk_rng_init (&rng, seed + 1000);
      recycled = mdk_neat_genome_new_minimal (4, 3, MDK_ACTIVATION_SINE, 1.0, &rng);
      for (guint k = 0; k < 30; k++)
        mdk_neat_genome_mutate (recycled, &params, tracker, &rng);

      p1->fitness = seed % 3;
      p2->fitness = 1.0;
      mdk_rng_init (&rng_fresh, seed);
      rng_recycled = rng_fresh;
      fresh = mdk_neat_genome_crossover (p1, p2, &params, &rng_fresh);
      mdk_neat_genome_crossover_into (recycled, p1, p2, &params, &rng_recycled);
      assert_genomes_equal (fresh, recycled);
      g_assert_false (recycled->fitness_valid);
    }
}

static MdkNeatGenome *
genome_with_genes (const guint  *innovations,
                   const double *weights,
                   guint         n)
{
  MdkNeatGenome *g = mdk_neat_genome_new (1, 1);

  /* The pairs do not matter for δ, only the innovation numbers. */
  for (guint i = 0; i < n; i++)
    mdk_neat_genome_insert_conn (g, 100 + innovations[i], 2, innovations[i], weights[i], i % 3 != 0);
  return g;
}

/* δ = c1·E/N + c2·D/N + c3·W̄ (paper, equation 1), computed by hand. */
static void
test_distance_small (void)
{
  static const guint inn_a[] = { 1, 2, 3, 5, 8 };
  static const double w_a[] = { 0.5, -1.0, 2.0, 0.0, 1.5 };
  static const guint inn_b[] = { 1, 2, 4, 5 };
  static const double w_b[] = { 1.0, -1.0, 3.0, 0.25 };
  g_autoptr(MdkNeatGenome) a = genome_with_genes (inn_a, w_a, G_N_ELEMENTS (inn_a));
  g_autoptr(MdkNeatGenome) b = genome_with_genes (inn_b, w_b, G_N_ELEMENTS (inn_b));
  MdkNeatParams params;

  /* Matching 1, 2, 5: W̄ = (0.5 + 0 + 0.25) / 3 = 0.25.  Disjoint 3 (a) and
   * 4 (b): D = 2.  Excess 8 (a): E = 1.  Fewer than 20 genes: N = 1. */
  mdk_neat_params_init_defaults (&params);
  g_assert_cmpfloat_with_epsilon (mdk_neat_genome_distance (a, b, &params),
                                  1.0 * 1 + 1.0 * 2 + 0.4 * 0.25, 1e-12);

  /* Distinct coefficients, so that c1 and c2 cannot be swapped unnoticed. */
  params.compat_excess = 2.0;
  params.compat_disjoint = 3.0;
  params.compat_weight = 0.5;
  g_assert_cmpfloat_with_epsilon (mdk_neat_genome_distance (a, b, &params),
                                  2.0 * 1 + 3.0 * 2 + 0.5 * 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (mdk_neat_genome_distance (b, a, &params),
                                  2.0 * 1 + 3.0 * 2 + 0.5 * 0.25, 1e-12);
  g_assert_cmpfloat (mdk_neat_genome_distance (a, a, &params), ==, 0.0);
  g_assert_cmpfloat (mdk_neat_genome_distance (b, b, &params), ==, 0.0);

  /* Excess on b's side: b gains 9 and 10, so 8 (a) becomes disjoint. */
  {
    static const guint inn_c[] = { 1, 2, 4, 5, 9, 10 };
    static const double w_c[] = { 1.0, -1.0, 3.0, 0.25, 7.0, 7.0 };
    g_autoptr(MdkNeatGenome) c = genome_with_genes (inn_c, w_c, G_N_ELEMENTS (inn_c));

    /* E = 2 (9, 10), D = 3 (3, 4, 8), W̄ = 0.25. */
    g_assert_cmpfloat_with_epsilon (mdk_neat_genome_distance (a, c, &params),
                                    2.0 * 2 + 3.0 * 3 + 0.5 * 0.25, 1e-12);
    g_assert_cmpfloat_with_epsilon (mdk_neat_genome_distance (c, a, &params),
                                    2.0 * 2 + 3.0 * 3 + 0.5 * 0.25, 1e-12);
  }

  /* No matching gene at all: W̄ contributes nothing (not NaN). */
  {
    static const guint inn_d[] = { 20, 21 };
    static const double w_d[] = { 1.0, 1.0 };
    g_autoptr(MdkNeatGenome) d = genome_with_genes (inn_d, w_d, G_N_ELEMENTS (inn_d));
    g_autoptr(MdkNeatGenome) empty = mdk_neat_genome_new (1, 1);

    /* a's genes all lie below 20: D = 5; d's 20, 21 are excess: E = 2. */
    g_assert_cmpfloat_with_epsilon (mdk_neat_genome_distance (a, d, &params),
                                    2.0 * 2 + 3.0 * 5, 1e-12);
    /* Against an empty genome every gene is excess. */
    g_assert_cmpfloat_with_epsilon (mdk_neat_genome_distance (a, empty, &params),
                                    2.0 * 5, 1e-12);
    g_assert_cmpfloat (mdk_neat_genome_distance (empty, empty, &params), ==, 0.0);
  }
}

static void
test_distance_large (void)
{
  guint inn_a[22], inn_b[21];
  double w_a[22], w_b[21];
  guint nb = 0;
  MdkNeatParams params;
  double expected;

  /* a: genes 1 … 22, weight 0.  b: 1 … 20 without 10, then 25 and 26; b's
   * weight is 0 except 1.0 on gene 1 and -0.5 on gene 2. */
  for (guint i = 0; i < 22; i++)
    {
      inn_a[i] = i + 1;
      w_a[i] = 0.0;
    }
  for (guint inn = 1; inn <= 20; inn++)
    if (inn != 10)
      {
        inn_b[nb] = inn;
        w_b[nb++] = inn == 1 ? 1.0 : inn == 2 ? -0.5 : 0.0;
      }
  inn_b[nb] = 25;
  w_b[nb++] = 3.0;
  inn_b[nb] = 26;
  w_b[nb++] = 3.0;
  g_assert_cmpuint (nb, ==, 21);

  {
    g_autoptr(MdkNeatGenome) a = genome_with_genes (inn_a, w_a, 22);
    g_autoptr(MdkNeatGenome) b = genome_with_genes (inn_b, w_b, 21);

    /* Matching: 19 genes, |Δw| sum 1.5.  Disjoint: 10, 21, 22 (a) → D = 3.
     * Excess: 25, 26 (b) → E = 2.  N = 22, the larger genome. */
    mdk_neat_params_init_defaults (&params);
    params.compat_excess = 2.0;
    params.compat_disjoint = 3.0;
    params.compat_weight = 0.5;
    expected = 2.0 * 2 / 22 + 3.0 * 3 / 22 + 0.5 * 1.5 / 19;
    g_assert_cmpfloat_with_epsilon (mdk_neat_genome_distance (a, b, &params), expected, 1e-12);
    g_assert_cmpfloat_with_epsilon (mdk_neat_genome_distance (b, a, &params), expected, 1e-12);

    /* Normalisation switched off below 100 genes: N = 1. */
    params.compat_normalize_min = 100;
    expected = 2.0 * 2 + 3.0 * 3 + 0.5 * 1.5 / 19;
    g_assert_cmpfloat_with_epsilon (mdk_neat_genome_distance (a, b, &params), expected, 1e-12);
  }
}

/* Paper: N = 1 when both genomes have fewer than 20 genes; from 20 on, N is
 * the larger genome's size. */
static void
test_distance_normalize_boundary (void)
{
  guint inn[21];
  double w[21];
  MdkNeatParams params;

  for (guint i = 0; i < 21; i++)
    {
      inn[i] = i + 1;
      w[i] = 0.0;
    }
  mdk_neat_params_init_defaults (&params);
  g_assert_cmpint (params.compat_normalize_min, ==, 20);

  {
    g_autoptr(MdkNeatGenome) g19 = genome_with_genes (inn, w, 19);
    g_autoptr(MdkNeatGenome) g18 = genome_with_genes (inn, w, 18);
    g_autoptr(MdkNeatGenome) g20 = genome_with_genes (inn, w, 20);
    g_autoptr(MdkNeatGenome) g21 = genome_with_genes (inn, w, 21);

    /* 19 vs 18: one excess gene, N = 1. */
    g_assert_cmpfloat_with_epsilon (mdk_neat_genome_distance (g19, g18, &params), 1.0, 1e-12);
    /* 20 vs 19: one excess gene, N = 20. */
    g_assert_cmpfloat_with_epsilon (mdk_neat_genome_distance (g20, g19, &params), 1.0 / 20, 1e-12);
    g_assert_cmpfloat_with_epsilon (mdk_neat_genome_distance (g19, g20, &params), 1.0 / 20, 1e-12);
    /* 21 vs 18: three excess genes, N = 21. */
    g_assert_cmpfloat_with_epsilon (mdk_neat_genome_distance (g18, g21, &params), 3.0 / 21, 1e-12);
  }
}

/* On evolved genomes: symmetric, zero with itself and with a copy, never
 * negative. */
static void
test_distance_properties (void)
{
  const guint n_in = 3, n_out = 2;
  MdkNeatParams params;
  MdkRng rng;
  g_autoptr(MdkNeatInnovation) tracker = tracker_for (n_in, n_out);
  g_autoptr(GPtrArray) pop = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_neat_genome_free);

  mutation_params (&params, FALSE);
  mdk_rng_init (&rng, 314);
  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (pop, mdk_neat_genome_new_minimal (n_in, n_out, MDK_ACTIVATION_TANH, 1.0, &rng));
  for (guint gen = 0; gen < 15; gen++)
    {
      for (guint i = 0; i < pop->len; i++)
        mdk_neat_genome_mutate (pop->pdata[i], &params, tracker, &rng);
      mdk_neat_innovation_next_generation (tracker);
    }

  for (guint i = 0; i < pop->len; i++)
    {
      g_autoptr(MdkNeatGenome) copy = mdk_neat_genome_copy (pop->pdata[i]);

      g_assert_cmpfloat (mdk_neat_genome_distance (pop->pdata[i], pop->pdata[i], &params), ==, 0.0);
      g_assert_cmpfloat (mdk_neat_genome_distance (pop->pdata[i], copy, &params), ==, 0.0);
      for (guint j = 0; j < pop->len; j++)
        {
          double ab = mdk_neat_genome_distance (pop->pdata[i], pop->pdata[j], &params);
          double ba = mdk_neat_genome_distance (pop->pdata[j], pop->pdata[i], &params);

          g_assert_true (isfinite (ab));
          g_assert_cmpfloat (ab, >=, 0.0);
          g_assert_cmpfloat_with_epsilon (ab, ba, 1e-12);
        }
    }
}

/* Speciation's test, with its early answers (the size gap, the innovation
 * masks, the excess genes, the disjoint genes so far), decides as the full
 * distance does, at the distance itself and on either side: for evolved
 * genomes whose innovation numbers pass 64 (so that masks share bits), with
 * and without the masks, normalised or not. */
static void
test_distance_compatible (void)
{
  const guint n_in = 3, n_out = 2;
  MdkNeatParams params;
  MdkRng rng;
  g_autoptr(MdkNeatInnovation) tracker = tracker_for (n_in, n_out);
  g_autoptr(GPtrArray) pop = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_neat_genome_free);
  guint32 top = 0;

  mutation_params (&params, FALSE);
  mdk_rng_init (&rng, 2718);
  for (guint i = 0; i < 30; i++)
    g_ptr_array_add (pop, mdk_neat_genome_new_minimal (n_in, n_out, MDK_ACTIVATION_TANH, 1.0, &rng));
  for (guint gen = 0; gen < 40; gen++)
    {
      for (guint i = 0; i < pop->len; i++)
        mdk_neat_genome_mutate (pop->pdata[i], &params, tracker, &rng);
      mdk_neat_innovation_next_generation (tracker);
    }
  for (guint i = 0; i < pop->len; i++)
    {
      const MdkNeatGenome *g = pop->pdata[i];
      top = MAX (top, g->conns[g->n_conns - 1].innovation);
    }
  g_assert_cmpuint (top, >, 128);

  for (guint normalize = 0; normalize < 2; normalize++)
    {
      params.compat_normalize_min = normalize ? 0 : 1000;
      for (guint i = 0; i < pop->len; i++)
        for (guint j = 0; j < pop->len; j++)
          {
            const MdkNeatGenome *a = pop->pdata[i], *b = pop->pdata[j];
            guint64 ma = mdk_neat_genome_innovation_mask (a), mb = mdk_neat_genome_innovation_mask (b);
            double d = mdk_neat_genome_distance (a, b, &params);
            const double thresholds[] = { d / 2, d, nextafter (d, INFINITY), 2 * d + 0.01 };

            for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
              {
                gboolean expected = d < thresholds[t];

                g_assert_cmpint (mdk_neat_genome_compatible (a, b, ma, mb, &params, thresholds[t]), ==, expected);
                g_assert_cmpint (mdk_neat_genome_compatible (a, b, 0, 0, &params, thresholds[t]), ==, expected);
              }
          }
    }
}

/* A genome with hidden nodes, disabled genes, odd activations, biases and
 * weights that do not print short. */
static MdkNeatGenome *
evolved_genome (guint64 seed)
{
  MdkNeatParams params;
  MdkRng rng;
  g_autoptr(MdkNeatInnovation) tracker = tracker_for (3, 2);
  MdkNeatGenome *g;

  mutation_params (&params, FALSE);
  mdk_rng_init (&rng, seed);
  g = mdk_neat_genome_new_minimal (3, 2, MDK_ACTIVATION_SIGMOID, 1.0, &rng);
  for (guint k = 0; k < 60; k++)
    {
      mdk_neat_genome_mutate (g, &params, tracker, &rng);
      if (k % 4 == 3)
        mdk_neat_innovation_next_generation (tracker);
    }
  g->id = 123456789;
  return g;
}

static MdkNeatGenome *
json_round_trip (const MdkNeatGenome *g,
                 const char * const  *input_names,
                 const char * const  *output_names)
{
  g_autoptr(JsonNode) node = mdk_neat_genome_to_json (g, input_names, output_names);
  g_autofree char *text = json_to_string (node, TRUE);
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  MdkNeatGenome *back;

  parsed = json_from_string (text, &error);
  g_assert_no_error (error);
  back = mdk_neat_genome_from_json (parsed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  return back;
}

static void
test_genome_json_round_trip (void)
{
  static const char * const input_names[] = { "x", "y", "z" };
  static const char * const output_names[] = { "left", "right" };

  for (guint64 seed = 1; seed <= 20; seed++)
    {
      g_autoptr(MdkNeatGenome) g = evolved_genome (seed);
      g_autoptr(MdkNeatGenome) back = NULL;
      g_autoptr(MdkNeatGenome) back_named = NULL;
      g_autoptr(JsonNode) node = NULL;
      JsonObject *obj;

      /* Weights and biases with full 53-bit mantissas and extremes. */
      if (g->n_conns > 2)
        {
          g->conns[0].weight = 0.1 + 0.2;
          g->conns[1].weight = -1.0 / 3.0;
          g->conns[2].weight = 5e-324;
        }
      g->nodes[g->n_inputs + 1].bias = G_PI;
      g->nodes[g->n_nodes - 1].bias = -1e-17;

      g->id = 1000 + seed;
      g->fitness = seed * 0.7;
      g->fitness_valid = TRUE;
      back = json_round_trip (g, NULL, NULL);
      assert_genomes_equal (g, back);
      /* The id and the fitness come back too. */
      g_assert_cmpuint (back->id, ==, g->id);
      g_assert_true (back->fitness_valid);
      g_assert_cmpfloat (back->fitness, ==, g->fitness);
      back_named = json_round_trip (g, input_names, output_names);
      assert_genomes_equal (g, back_named);

      /* The document carries what it says it does. */
      node = mdk_neat_genome_to_json (g, input_names, output_names);
      obj = json_node_get_object (node);
      g_assert_cmpstr (json_object_get_string_member (obj, "kind"), ==, "neat");
      g_assert_cmpint (json_object_get_int_member (obj, "inputs"), ==, 3);
      g_assert_cmpint (json_object_get_int_member (obj, "outputs"), ==, 2);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "nodes")), ==,
                        g->n_nodes);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "connections")),
                        ==, g->n_conns);
      g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (obj, "output_names"),
                                                      1), ==, "right");
    }
}

typedef enum
{
  BREAK_NOT_OBJECT,
  BREAK_NO_NODES,
  BREAK_NODES_NOT_ARRAY,
  BREAK_NO_CONNECTIONS,
  BREAK_INPUTS_TYPE,
  BREAK_WEIGHT_TYPE,
  BREAK_ENABLED_TYPE,
  BREAK_BIAS_TYPE,
  BREAK_UNKNOWN_ACTIVATION,
  BREAK_UNKNOWN_TYPE,
  BREAK_DUPLICATE_CONNECTION,
  BREAK_MISSING_NODE,
  BREAK_INNOVATION_ORDER,
  BREAK_INTO_BIAS,
  BREAK_NODE_ORDER,
  BREAK_NEGATIVE_ID,
  BREAK_KIND,
  N_BREAKS
} Break;

/* What each broken document's error message must mention. */
static const char * const break_words[N_BREAKS][2] = {
  [BREAK_NOT_OBJECT] = { "object", NULL },
  [BREAK_NO_NODES] = { "nodes", NULL },
  [BREAK_NODES_NOT_ARRAY] = { "nodes", "array" },
  [BREAK_NO_CONNECTIONS] = { "connections", NULL },
  [BREAK_INPUTS_TYPE] = { "inputs", "number" },
  [BREAK_WEIGHT_TYPE] = { "connections[1]", "weight" },
  [BREAK_ENABLED_TYPE] = { "connections[0]", "enabled" },
  [BREAK_BIAS_TYPE] = { "nodes[4]", "bias" },
  [BREAK_UNKNOWN_ACTIVATION] = { "frobnicate", "activation" },
  [BREAK_UNKNOWN_TYPE] = { "gizmo", "type" },
  [BREAK_DUPLICATE_CONNECTION] = { "41", "77" },
  [BREAK_MISSING_NODE] = { "99", "exist" },
  [BREAK_INNOVATION_ORDER] = { "innovation", NULL },
  [BREAK_INTO_BIAS] = { "bias", "70" },
  [BREAK_NODE_ORDER] = { "id", NULL },
  [BREAK_NEGATIVE_ID] = { "nodes[5]", "id" },
  [BREAK_KIND] = { "kind", NULL },
};

/* 2 inputs (0, 1), bias 2, output 3, hidden 4 and 5. */
static MdkNeatGenome *
small_valid_genome (void)
{
  MdkNeatGenome *g = mdk_neat_genome_new (2, 1);

  mdk_neat_genome_insert_node (g, 4, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.5);
  mdk_neat_genome_insert_node (g, 5, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_RELU, -0.5);
  mdk_neat_genome_insert_conn (g, 0, 4, 41, 1.0, TRUE);
  mdk_neat_genome_insert_conn (g, 4, 3, 50, 0.5, TRUE);
  mdk_neat_genome_insert_conn (g, 1, 5, 60, -0.5, FALSE);
  mdk_neat_genome_insert_conn (g, 5, 3, 70, 2.0, TRUE);
  return g;
}

static JsonObject *
array_object (JsonObject *root,
              const char *member,
              guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (root, member), index);
}

static JsonNode *
broken_document (Break what)
{
  g_autoptr(MdkNeatGenome) g = small_valid_genome ();
  JsonNode *node = mdk_neat_genome_to_json (g, NULL, NULL);
  JsonObject *root = json_node_get_object (node);

  switch (what)
    {
    case BREAK_NOT_OBJECT:
      json_node_unref (node);
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, json_array_new ());
      break;
    case BREAK_NO_NODES:
      json_object_remove_member (root, "nodes");
      break;
    case BREAK_NODES_NOT_ARRAY:
      json_object_set_string_member (root, "nodes", "0 1 2 3");
      break;
    case BREAK_NO_CONNECTIONS:
      json_object_remove_member (root, "connections");
      break;
    case BREAK_INPUTS_TYPE:
      json_object_set_string_member (root, "inputs", "two");
      break;
    case BREAK_WEIGHT_TYPE:
      json_object_set_string_member (array_object (root, "connections", 1), "weight", "heavy");
      break;
    case BREAK_ENABLED_TYPE:
      json_object_set_int_member (array_object (root, "connections", 0), "enabled", 1);
      break;
    case BREAK_BIAS_TYPE:
      json_object_set_null_member (array_object (root, "nodes", 4), "bias");
      break;
    case BREAK_UNKNOWN_ACTIVATION:
      json_object_set_string_member (array_object (root, "nodes", 4), "activation", "frobnicate");
      break;
    case BREAK_UNKNOWN_TYPE:
      json_object_set_string_member (array_object (root, "nodes", 5), "type", "gizmo");
      break;
    case BREAK_DUPLICATE_CONNECTION:
      {
        /* 0 → 4 once more, under innovation 77. */
        JsonObject *dup = json_object_new ();
        json_object_set_int_member (dup, "innovation", 77);
        json_object_set_int_member (dup, "in", 0);
        json_object_set_int_member (dup, "out", 4);
        json_object_set_double_member (dup, "weight", 0.25);
        json_object_set_boolean_member (dup, "enabled", TRUE);
        json_array_add_object_element (json_object_get_array_member (root, "connections"), dup);
      }
      break;
    case BREAK_MISSING_NODE:
      json_object_set_int_member (array_object (root, "connections", 2), "out", 99);
      break;
    case BREAK_INNOVATION_ORDER:
      json_object_set_int_member (array_object (root, "connections", 2), "innovation", 50);
      break;
    case BREAK_INTO_BIAS:
      json_object_set_int_member (array_object (root, "connections", 3), "out", 2);
      break;
    case BREAK_NODE_ORDER:
      json_object_set_int_member (array_object (root, "nodes", 5), "id", 4);
      break;
    case BREAK_NEGATIVE_ID:
      json_object_set_int_member (array_object (root, "nodes", 5), "id", -5);
      break;
    case BREAK_KIND:
      json_object_set_string_member (root, "kind", "cmaes");
      break;
    case N_BREAKS:
    default:
      g_assert_not_reached ();
    }
  return node;
}

static void
test_genome_json_errors (void)
{
  /* The unbroken document loads, so each failure is the break's doing. */
  {
    g_autoptr(MdkNeatGenome) g = small_valid_genome ();
    g_autoptr(MdkNeatGenome) back = json_round_trip (g, NULL, NULL);
    assert_genomes_equal (g, back);
  }

  for (guint what = 0; what < N_BREAKS; what++)
    {
      g_autoptr(JsonNode) node = broken_document (what);
      g_autoptr(GError) error = NULL;
      g_autoptr(MdkNeatGenome) g = NULL;

      g_test_message ("broken document %u", what);
      g = mdk_neat_genome_from_json (node, &error);
      g_assert_null (g);
      g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
      for (guint k = 0; k < 2; k++)
        if (break_words[what][k] != NULL && strstr (error->message, break_words[what][k]) == NULL)
          g_error ("broken document %u: “%s” does not mention “%s”", what, error->message,
                   break_words[what][k]);
    }

  /* NULL and non-object roots. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) number = json_node_new (JSON_NODE_VALUE);

    json_node_set_int (number, 3);
    g_assert_null (mdk_neat_genome_from_json (number, &error));
    g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_null (mdk_neat_genome_from_json (NULL, &error));
    g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
  }
}

static guint n_criticals;

static void
count_critical (const char     *log_domain,
                GLogLevelFlags  log_level,
                const char     *message,
                gpointer        user_data)
{
  n_criticals++;
}

/* Members of the wrong JSON kind (an array or object where a string is
 * expected) are bad input, so they must give an error, not a critical. */
static void
test_genome_json_wrong_kind (void)
{
  static const char * const documents[] = {
    "{\"kind\": {}, \"inputs\": 1, \"outputs\": 1, \"nodes\": [], \"connections\": []}",
    "{\"kind\": \"neat\", \"inputs\": 1, \"outputs\": 1, \"connections\": [],"
    " \"nodes\": [{\"id\": 0, \"type\": [], \"activation\": \"identity\", \"bias\": 0}]}",
    "{\"kind\": \"neat\", \"inputs\": 1, \"outputs\": 1, \"connections\": [],"
    " \"nodes\": [{\"id\": 0, \"type\": \"input\", \"activation\": {\"id\": 1}, \"bias\": 0}]}",
    "{\"kind\": \"neat\", \"inputs\": 1, \"outputs\": 1, \"connections\": [],"
    " \"nodes\": [{\"id\": 0, \"type\": \"input\", \"activation\": 7, \"bias\": 0}]}",
  };
  GLogLevelFlags always_fatal;
  guint handler;

  /* Count criticals instead of aborting on them, so that the test can
   * report them. */
  n_criticals = 0;
  always_fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  handler = g_log_set_handler ("Json", G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING,
                               count_critical, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (documents[i], &error);
      g_autoptr(MdkNeatGenome) g = NULL;

      g_assert_no_error (error);
      g = mdk_neat_genome_from_json (node, &error);
      g_assert_null (g);
      g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
    }
  g_log_remove_handler ("Json", handler);
  g_log_set_always_fatal (always_fatal);

  /* Bad input is an error, never a critical from json-glib. */
  g_assert_cmpuint (n_criticals, ==, 0);
}

static void
test_genome_copy (void)
{
  g_autoptr(MdkNeatGenome) g = evolved_genome (42);
  g_autoptr(MdkNeatGenome) copy = NULL;
  g_autoptr(MdkNeatGenome) big = evolved_genome (43);
  g_autoptr(MdkNeatGenome) small = mdk_neat_genome_new (1, 1);
  g_autoptr(MdkNeatGenome) empty = mdk_neat_genome_new (3, 2);
  double w0, b0;

  g->fitness = 7.5;
  g->fitness_valid = TRUE;
  g->parent1 = 11;
  g->parent2 = 12;
  g->species_id = 3;
  g->birth_generation = 9;
  g->origin = MDK_NEAT_ORIGIN_CROSSOVER;
  g->mutations = MDK_NEAT_MUT_ADD_NODE | MDK_NEAT_MUT_WEIGHTS;

  copy = mdk_neat_genome_copy (g);
  assert_genomes_equal (g, copy);
  g_assert_true (copy->nodes != g->nodes);
  g_assert_true (copy->conns != g->conns);
  g_assert_cmpfloat (copy->fitness, ==, 7.5);
  g_assert_true (copy->fitness_valid);
  g_assert_cmpuint (copy->id, ==, g->id);
  g_assert_cmpuint (copy->parent1, ==, 11);
  g_assert_cmpuint (copy->parent2, ==, 12);
  g_assert_cmpuint (copy->species_id, ==, 3);
  g_assert_cmpuint (copy->birth_generation, ==, 9);
  g_assert_cmpuint (copy->origin, ==, MDK_NEAT_ORIGIN_CROSSOVER);
  g_assert_cmpuint (copy->mutations, ==, g->mutations);

  /* Changing the copy leaves the original alone. */
  w0 = g->conns[0].weight;
  b0 = g->nodes[g->n_nodes - 1].bias;
  copy->conns[0].weight += 1.0;
  copy->nodes[g->n_nodes - 1].bias += 1.0;
  mdk_neat_genome_remove_conn_at (copy, copy->n_conns - 1);
  g_assert_cmpfloat (g->conns[0].weight, ==, w0);
  g_assert_cmpfloat (g->nodes[g->n_nodes - 1].bias, ==, b0);

  /* copy_into over a genome with larger arrays, a smaller one and an empty
   * one. */
  g_assert_cmpuint (big->n_conns, >, 0);
  mdk_neat_genome_copy_into (big, g);
  assert_genomes_equal (g, big);
  g_assert_cmpuint (big->id, ==, g->id);
  mdk_neat_genome_copy_into (small, g);
  assert_genomes_equal (g, small);
  big->conns[0].weight = 99.0;
  g_assert_cmpfloat (small->conns[0].weight, ==, w0);
  g_assert_cmpfloat (g->conns[0].weight, ==, w0);

  mdk_neat_genome_copy_into (small, empty);
  assert_genomes_equal (empty, small);
  g_assert_cmpuint (small->n_conns, ==, 0);

  /* Into itself: nothing happens. */
  mdk_neat_genome_copy_into (g, g);
  g_assert_cmpfloat (g->conns[0].weight, ==, w0);
  g_assert_true (mdk_neat_genome_validate (g, FALSE, NULL));
  g_assert_cmpuint (mdk_neat_genome_memory_size (big), >=,
                    sizeof (MdkNeatNode) * big->n_nodes + sizeof (MdkNeatConn) * big->n_conns);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/neat/genome/mutation-invariants", test_genome_mutation_invariants);
  g_test_add_func ("/core/neat/genome/recurrent-invariants", test_genome_recurrent_invariants);
  g_test_add_func ("/core/neat/genome/validate-rejects", test_genome_validate_rejects);
  g_test_add_func ("/core/neat/genome/creates-cycle", test_genome_creates_cycle);
  g_test_add_func ("/core/neat/genome/add-node-structure", test_genome_add_node_structure);
  g_test_add_func ("/core/neat/genome/add-node-output", test_genome_add_node_output);
  g_test_add_func ("/core/neat/genome/json-round-trip", test_genome_json_round_trip);
  g_test_add_func ("/core/neat/genome/json-errors", test_genome_json_errors);
  g_test_add_func ("/core/neat/genome/json-wrong-kind", test_genome_json_wrong_kind);
  g_test_add_func ("/core/neat/genome/copy", test_genome_copy);
  g_test_add_func ("/core/neat/innovation/tracker", test_innovation_tracker);
  g_test_add_func ("/core/neat/innovation/add-connection-shared",
                   test_innovation_add_connection_shared);
  g_test_add_func ("/core/neat/crossover/fitter-parent", test_crossover_fitter_parent);
  g_test_add_func ("/core/neat/crossover/equal-fitness", test_crossover_equal_fitness);
  g_test_add_func ("/core/neat/crossover/equal-fitness-conflicts",
                   test_crossover_equal_fitness_conflicts);
  g_test_add_func ("/core/neat/crossover/matching-genes", test_crossover_matching_genes);
  g_test_add_func ("/core/neat/crossover/disabled-genes", test_crossover_disabled_genes);
  g_test_add_func ("/core/neat/crossover/recycled-child", test_crossover_recycled_child);
  g_test_add_func ("/core/neat/distance/small-genomes", test_distance_small);
  g_test_add_func ("/core/neat/distance/large-genomes", test_distance_large);
  g_test_add_func ("/core/neat/distance/normalize-boundary", test_distance_normalize_boundary);
  g_test_add_func ("/core/neat/distance/properties", test_distance_properties);
  g_test_add_func ("/core/neat/distance/compatible", test_distance_compatible);

  return g_test_run ();
}
