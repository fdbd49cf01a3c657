/* Tests for the genome editor's data layer: every kind of edit applies,
 * undoes to the original genome gene by gene and redoes identically; invalid
 * edits are refused without a change; new structure gets the tracker's
 * innovation numbers; a long random session keeps the genome valid. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include "mdk-neat-edit.h"
#include "mdk-neat-genome.h"
#include "mdk-neat-innovation.h"
#include "mdk-neat-params.h"

#include <math.h>
#include <string.h>

#define N_INPUTS 3
#define N_OUTPUTS 2
#define FIRST_OUTPUT (N_INPUTS + 1)
#define FIRST_HIDDEN (N_INPUTS + 1 + N_OUTPUTS)

static MdkNeatInnovation *
tracker_new (void)
{
  return mdk_neat_innovation_new ((N_INPUTS + 1) * N_OUTPUTS + 1, FIRST_HIDDEN);
}

/* The minimal genome plus a few add-node and add-connection mutations, so
 * that there are hidden nodes, disabled genes and gaps in the numbers. */
static MdkNeatGenome *
make_genome (guint64            seed,
             MdkNeatInnovation *tracker,
             gboolean           allow_recurrent)
{
  MdkNeatParams params;
  MdkRng rng;
  MdkNeatGenome *genome;

  mdk_neat_params_init_defaults (&params);
  params.allow_recurrent = allow_recurrent;
  mdk_rng_init (&rng, seed);
  genome = mdk_neat_genome_new_minimal (N_INPUTS, N_OUTPUTS, MDK_ACTIVATION_TANH, 1.0, &rng);
  for (guint i = 0; i < 4; i++)
    {
      mdk_neat_genome_mutate_add_node (genome, &params, tracker, &rng);
      mdk_neat_genome_mutate_add_connection (genome, &params, tracker, &rng);
    }
  mdk_neat_genome_mutate_biases (genome, &params, &rng);
  mdk_neat_innovation_next_generation (tracker);
  g_assert_true (mdk_neat_genome_validate (genome, allow_recurrent, NULL));
  return genome;
}

static gboolean
genomes_equal (const MdkNeatGenome *a,
               const MdkNeatGenome *b)
{
  if (a->n_inputs != b->n_inputs || a->n_outputs != b->n_outputs ||
      a->n_nodes != b->n_nodes || a->n_conns != b->n_conns)
    return FALSE;
  for (guint i = 0; i < a->n_nodes; i++)
    {
      const MdkNeatNode *x = &a->nodes[i], *y = &b->nodes[i];
      if (x->id != y->id || x->type != y->type || x->activation != y->activation ||
          x->bias != y->bias)
        return FALSE;
    }
  for (guint i = 0; i < a->n_conns; i++)
    {
      const MdkNeatConn *x = &a->conns[i], *y = &b->conns[i];
      if (x->in != y->in || x->out != y->out || x->innovation != y->innovation ||
          (x->enabled != 0) != (y->enabled != 0) || x->weight != y->weight)
        return FALSE;
    }
  return TRUE;
}

/* The same, gene by gene with assertions, so a failure says where. */
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
      g_assert_cmpfloat (a->nodes[i].bias, ==, b->nodes[i].bias);
    }
  for (guint i = 0; i < a->n_conns; i++)
    {
      g_assert_cmpuint (a->conns[i].innovation, ==, b->conns[i].innovation);
      g_assert_cmpuint (a->conns[i].in, ==, b->conns[i].in);
      g_assert_cmpuint (a->conns[i].out, ==, b->conns[i].out);
      g_assert_cmpuint (a->conns[i].enabled != 0, ==, b->conns[i].enabled != 0);
      g_assert_cmpfloat (a->conns[i].weight, ==, b->conns[i].weight);
    }
  g_assert_true (genomes_equal (a, b));
}

static int
conn_by_innovation (const MdkNeatGenome *genome,
                    guint32              innovation)
{
  for (guint i = 0; i < genome->n_conns; i++)
    if (genome->conns[i].innovation == innovation)
      return (int) i;
  return -1;
}

static const MdkNeatConn *
find_conn (const MdkNeatGenome *genome,
           guint32              in,
           guint32              out)
{
  int pos = mdk_neat_genome_find_conn (genome, in, out);

  return pos >= 0 ? &genome->conns[pos] : NULL;
}

static const MdkNeatNode *
find_node (const MdkNeatGenome *genome,
           guint32              id)
{
  int pos = mdk_neat_genome_find_node (genome, id);

  return pos >= 0 ? &genome->nodes[pos] : NULL;
}

/* An enabled gene between two fixed nodes: input 0 → the first output. */
#define FIRST_GENE_INNOVATION 1

/* Applies @edit, checks the genome changed and is valid, then undo gives the
 * original, redo the edited genome, and a second undo the original again.
 * Returns the edited genome. */
static MdkNeatGenome *
check_round_trip (MdkNeatEditor *editor,
                  MdkNeatEdit   *edit)
{
  g_autoptr(MdkNeatGenome) before = mdk_neat_genome_copy (mdk_neat_editor_get_genome (editor));
  g_autoptr(MdkNeatGenome) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (mdk_neat_editor_can_undo (editor));
  g_assert_true (mdk_neat_editor_apply (editor, edit, &error));
  g_assert_no_error (error);
  after = mdk_neat_genome_copy (mdk_neat_editor_get_genome (editor));
  g_assert_false (genomes_equal (before, after));
  g_assert_true (mdk_neat_genome_validate (after, FALSE, NULL));
  g_assert_true (mdk_neat_editor_can_undo (editor));
  g_assert_false (mdk_neat_editor_can_redo (editor));

  g_assert_true (mdk_neat_editor_undo (editor));
  assert_genomes_equal (mdk_neat_editor_get_genome (editor), before);
  g_assert_false (mdk_neat_editor_can_undo (editor));
  g_assert_true (mdk_neat_editor_can_redo (editor));
  g_assert_false (mdk_neat_editor_undo (editor));

  g_assert_true (mdk_neat_editor_redo (editor));
  assert_genomes_equal (mdk_neat_editor_get_genome (editor), after);
  g_assert_false (mdk_neat_editor_redo (editor));

  g_assert_true (mdk_neat_editor_undo (editor));
  assert_genomes_equal (mdk_neat_editor_get_genome (editor), before);
  g_assert_true (mdk_neat_editor_redo (editor));
  return g_steal_pointer (&after);
}

typedef struct
{
  MdkNeatInnovation *tracker;
  MdkNeatGenome     *genome;
  MdkNeatEditor     *editor;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tracker = tracker_new ();
  f->genome = make_genome (42, f->tracker, FALSE);
  f->editor = mdk_neat_editor_new (f->genome, f->tracker, FALSE);
  assert_genomes_equal (mdk_neat_editor_get_genome (f->editor), f->genome);
  /* The editor works on its own copy. */
  g_assert_true (mdk_neat_editor_get_genome (f->editor) != f->genome);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mdk_neat_editor_free (f->editor);
  mdk_neat_genome_free (f->genome);
  mdk_neat_innovation_free (f->tracker);
}

/* The first hidden node of the fixture's genome. */
static guint32
some_hidden (const MdkNeatGenome *genome)
{
  g_assert_cmpuint (genome->n_nodes, >, FIRST_HIDDEN);
  return genome->nodes[FIRST_HIDDEN].id;
}

static void
test_add_connection (Fixture       *f,
                     gconstpointer  data)
{
  guint32 next = mdk_neat_innovation_peek_next (f->tracker);
  guint32 in = 0, out = 0;
  MdkNeatEdit edit;
  g_autoptr(MdkNeatGenome) after = NULL;
  const MdkNeatConn *c;

  /* Some unconnected pair that keeps the genome acyclic. */
  for (guint32 i = 0; i < f->genome->n_nodes && out == 0; i++)
    for (guint32 j = FIRST_OUTPUT; j < f->genome->n_nodes && out == 0; j++)
      {
        guint32 a = f->genome->nodes[i].id, b = f->genome->nodes[j].id;
        if (find_conn (f->genome, a, b) == NULL && !mdk_neat_genome_creates_cycle (f->genome, a, b))
          {
            in = a;
            out = b;
          }
      }
  g_assert_cmpuint (out, !=, 0);

  edit = mdk_neat_edit_add_connection (in, out, 0.75);
  after = check_round_trip (f->editor, &edit);
  g_assert_cmpuint (edit.add_connection.innovation, ==, next);
  c = find_conn (after, in, out);
  g_assert_nonnull (c);
  g_assert_cmpuint (c->innovation, ==, next);
  g_assert_cmpfloat (c->weight, ==, 0.75);
  g_assert_true (c->enabled);
  g_assert_cmpuint (after->n_conns, ==, f->genome->n_conns + 1);
}

static void
test_add_connection_explicit (Fixture       *f,
                              gconstpointer  data)
{
  guint32 h = some_hidden (f->genome);
  guint32 big = mdk_neat_genome_max_innovation (f->genome) + 100;
  MdkNeatEdit edit;
  g_autoptr(GError) error = NULL;

  /* The bias node into a hidden node: there is none in start genomes. */
  if (find_conn (f->genome, N_INPUTS, h) != NULL)
    g_test_skip ("the bias is already connected to the hidden node");
  else
    {
      edit = mdk_neat_edit_add_connection (N_INPUTS, h, -0.5);
      edit.add_connection.innovation = big;
      g_assert_true (mdk_neat_editor_apply (f->editor, &edit, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (find_conn (mdk_neat_editor_get_genome (f->editor), N_INPUTS, h)->innovation, ==, big);
      /* The tracker now hands out numbers above it. */
      g_assert_cmpuint (mdk_neat_innovation_peek_next (f->tracker), >, big);
    }
}

static void
test_remove_connection (Fixture       *f,
                        gconstpointer  data)
{
  const MdkNeatConn *gene = &f->genome->conns[f->genome->n_conns / 2];
  MdkNeatEdit edit = mdk_neat_edit_remove_connection (gene->innovation);
  g_autoptr(MdkNeatGenome) after = check_round_trip (f->editor, &edit);

  g_assert_cmpint (conn_by_innovation (after, gene->innovation), <, 0);
  g_assert_cmpuint (after->n_conns, ==, f->genome->n_conns - 1);
  g_assert_cmpuint (edit.remove_connection.removed.innovation, ==, gene->innovation);
  g_assert_cmpfloat (edit.remove_connection.removed.weight, ==, gene->weight);
}

static void
test_set_weight (Fixture       *f,
                 gconstpointer  data)
{
  const MdkNeatConn *gene = &f->genome->conns[2];
  MdkNeatEdit edit = mdk_neat_edit_set_weight (gene->innovation, 3.25);
  g_autoptr(MdkNeatGenome) after = check_round_trip (f->editor, &edit);

  g_assert_cmpfloat (after->conns[2].weight, ==, 3.25);
  g_assert_cmpfloat (edit.set_weight.old_weight, ==, gene->weight);
}

static void
test_set_enabled (Fixture       *f,
                  gconstpointer  data)
{
  guint index = 0;
  const MdkNeatConn *gene;
  MdkNeatEdit edit;
  g_autoptr(MdkNeatGenome) after = NULL;

  /* Re-enable a gene an add-node mutation disabled: the undo must turn it
   * off again. */
  while (index < f->genome->n_conns && f->genome->conns[index].enabled)
    index++;
  g_assert_cmpuint (index, <, f->genome->n_conns);
  gene = &f->genome->conns[index];
  edit = mdk_neat_edit_set_enabled (gene->innovation, TRUE);
  after = check_round_trip (f->editor, &edit);

  g_assert_true (after->conns[index].enabled);
  g_assert_cmpuint (edit.set_enabled.old_enabled != 0, ==, gene->enabled != 0);
}

static void
test_split_connection (Fixture       *f,
                       gconstpointer  data)
{
  const MdkNeatConn *gene = NULL;
  guint32 next = mdk_neat_innovation_peek_next (f->tracker);
  guint32 next_node = mdk_neat_innovation_peek_next_node (f->tracker);
  MdkNeatEdit edit;
  g_autoptr(MdkNeatGenome) after = NULL;
  const MdkNeatNode *node;
  const MdkNeatConn *c;
  guint index = 0;

  for (index = 0; index < f->genome->n_conns; index++)
    if (f->genome->conns[index].enabled)
      break;
  g_assert_cmpuint (index, <, f->genome->n_conns);
  gene = &f->genome->conns[index];
  edit = mdk_neat_edit_split_connection (gene->innovation, MDK_ACTIVATION_RELU);
  after = check_round_trip (f->editor, &edit);
  g_assert_cmpuint (edit.split_connection.node_id, ==, next_node);
  g_assert_cmpuint (edit.split_connection.in_innovation, ==, next);
  g_assert_cmpuint (edit.split_connection.out_innovation, ==, next + 1);

  node = find_node (after, next_node);
  g_assert_nonnull (node);
  g_assert_cmpuint (node->type, ==, MDK_NEAT_NODE_HIDDEN);
  g_assert_cmpuint (node->activation, ==, MDK_ACTIVATION_RELU);
  g_assert_cmpfloat (node->bias, ==, 0.0);
  /* Paper, section 3.1: weight 1 in, the old weight out, the old gene off. */
  c = find_conn (after, gene->in, next_node);
  g_assert_cmpuint (c->innovation, ==, next);
  g_assert_cmpfloat (c->weight, ==, 1.0);
  c = find_conn (after, next_node, gene->out);
  g_assert_cmpuint (c->innovation, ==, next + 1);
  g_assert_cmpfloat (c->weight, ==, gene->weight);
  g_assert_false (after->conns[index].enabled);
  g_assert_cmpuint (after->conns[index].innovation, ==, gene->innovation);
}

static void
test_add_node (Fixture       *f,
               gconstpointer  data)
{
  guint32 next_node = mdk_neat_innovation_peek_next_node (f->tracker);
  MdkNeatEdit edit = mdk_neat_edit_add_node (MDK_ACTIVATION_SINE, -1.5);
  g_autoptr(MdkNeatGenome) after = check_round_trip (f->editor, &edit);
  const MdkNeatNode *node = find_node (after, next_node);

  g_assert_cmpuint (edit.add_node.node_id, ==, next_node);
  g_assert_nonnull (node);
  g_assert_cmpuint (node->type, ==, MDK_NEAT_NODE_HIDDEN);
  g_assert_cmpuint (node->activation, ==, MDK_ACTIVATION_SINE);
  g_assert_cmpfloat (node->bias, ==, -1.5);
  g_assert_cmpuint (after->n_conns, ==, f->genome->n_conns);
}

static void
test_remove_node (Fixture       *f,
                  gconstpointer  data)
{
  guint32 h = some_hidden (f->genome);
  guint n_touching = 0;
  MdkNeatEdit edit = mdk_neat_edit_remove_node (h);
  g_autoptr(MdkNeatGenome) after = NULL;

  for (guint i = 0; i < f->genome->n_conns; i++)
    if (f->genome->conns[i].in == h || f->genome->conns[i].out == h)
      n_touching++;
  g_assert_cmpuint (n_touching, >=, 2);

  after = check_round_trip (f->editor, &edit);
  g_assert_null (find_node (after, h));
  g_assert_cmpuint (after->n_conns, ==, f->genome->n_conns - n_touching);
  g_assert_cmpuint (edit.remove_node.n_removed_conns, ==, n_touching);
  g_assert_cmpuint (edit.remove_node.removed.id, ==, h);
}

static void
test_set_bias (Fixture       *f,
               gconstpointer  data)
{
  MdkNeatEdit edit = mdk_neat_edit_set_bias (FIRST_OUTPUT, 0.125);
  g_autoptr(MdkNeatGenome) after = check_round_trip (f->editor, &edit);

  g_assert_cmpfloat (find_node (after, FIRST_OUTPUT)->bias, ==, 0.125);
  g_assert_cmpfloat (edit.set_bias.old_bias, ==, find_node (f->genome, FIRST_OUTPUT)->bias);
}

static void
test_set_activation (Fixture       *f,
                     gconstpointer  data)
{
  guint32 h = some_hidden (f->genome);
  MdkActivation old = find_node (f->genome, h)->activation;
  MdkActivation new = old == MDK_ACTIVATION_GAUSSIAN ? MDK_ACTIVATION_ABS : MDK_ACTIVATION_GAUSSIAN;
  MdkNeatEdit edit = mdk_neat_edit_set_activation (h, new);
  g_autoptr(MdkNeatGenome) after = check_round_trip (f->editor, &edit);

  g_assert_cmpuint (find_node (after, h)->activation, ==, new);
  g_assert_cmpuint (edit.set_activation.old_activation, ==, old);
}

static void
test_new_apply_clears_redo (Fixture       *f,
                            gconstpointer  data)
{
  MdkNeatEdit a = mdk_neat_edit_set_weight (f->genome->conns[0].innovation, 1.0);
  MdkNeatEdit b = mdk_neat_edit_set_weight (f->genome->conns[0].innovation, 2.0);
  MdkNeatEdit c = mdk_neat_edit_set_bias (FIRST_OUTPUT, 0.5);

  g_assert_true (mdk_neat_editor_apply (f->editor, &a, NULL));
  g_assert_true (mdk_neat_editor_apply (f->editor, &b, NULL));
  g_assert_cmpuint (mdk_neat_editor_get_n_undo (f->editor), ==, 2);
  g_assert_true (mdk_neat_editor_undo (f->editor));
  g_assert_true (mdk_neat_editor_can_redo (f->editor));
  g_assert_cmpuint (mdk_neat_editor_get_n_redo (f->editor), ==, 1);

  g_assert_true (mdk_neat_editor_apply (f->editor, &c, NULL));
  g_assert_false (mdk_neat_editor_can_redo (f->editor));
  g_assert_false (mdk_neat_editor_redo (f->editor));
  g_assert_cmpuint (mdk_neat_editor_get_n_undo (f->editor), ==, 2);
  g_assert_cmpfloat (mdk_neat_editor_get_genome (f->editor)->conns[0].weight, ==, 1.0);

  g_assert_true (mdk_neat_editor_undo (f->editor));
  g_assert_true (mdk_neat_editor_undo (f->editor));
  g_assert_false (mdk_neat_editor_undo (f->editor));
  assert_genomes_equal (mdk_neat_editor_get_genome (f->editor), f->genome);
}

static void
test_group (Fixture       *f,
            gconstpointer  data)
{
  guint32 h = some_hidden (f->genome);
  MdkNeatEdit a = mdk_neat_edit_set_bias (FIRST_OUTPUT, 0.5);
  MdkNeatEdit b = mdk_neat_edit_remove_node (h);
  MdkNeatEdit c = mdk_neat_edit_remove_connection (f->genome->conns[0].innovation);
  MdkNeatEdit d = mdk_neat_edit_set_bias (FIRST_OUTPUT, 0.25);
  g_autoptr(MdkNeatGenome) after_a = NULL;
  g_autoptr(MdkNeatGenome) after_group = NULL;

  g_assert_true (mdk_neat_editor_apply (f->editor, &a, NULL));
  after_a = mdk_neat_genome_copy (mdk_neat_editor_get_genome (f->editor));
  mdk_neat_editor_begin_group (f->editor);
  g_assert_true (mdk_neat_editor_apply (f->editor, &b, NULL));
  g_assert_true (mdk_neat_editor_apply (f->editor, &c, NULL));
  mdk_neat_editor_end_group (f->editor);
  after_group = mdk_neat_genome_copy (mdk_neat_editor_get_genome (f->editor));
  g_assert_true (mdk_neat_editor_apply (f->editor, &d, NULL));
  g_assert_cmpuint (mdk_neat_editor_get_n_undo (f->editor), ==, 3);

  g_assert_true (mdk_neat_editor_undo (f->editor));
  assert_genomes_equal (mdk_neat_editor_get_genome (f->editor), after_group);
  g_assert_true (mdk_neat_editor_undo (f->editor));
  assert_genomes_equal (mdk_neat_editor_get_genome (f->editor), after_a);
  g_assert_cmpuint (mdk_neat_editor_get_n_redo (f->editor), ==, 2);
  g_assert_true (mdk_neat_editor_redo (f->editor));
  assert_genomes_equal (mdk_neat_editor_get_genome (f->editor), after_group);
  g_assert_true (mdk_neat_editor_undo (f->editor));
  g_assert_true (mdk_neat_editor_undo (f->editor));
  assert_genomes_equal (mdk_neat_editor_get_genome (f->editor), f->genome);
}

typedef struct
{
  const char      *name;
  MdkNeatEdit      edit;
  MdkNeatEditError code;
} Refusal;

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  const MdkNeatGenome *g = f->genome;
  guint32 h = some_hidden (g);
  const MdkNeatConn *into_h = NULL, *out_of_h = NULL;
  guint32 missing_innovation = mdk_neat_genome_max_innovation (g) + 1000;
  MdkNeatEdit explicit_innovation = mdk_neat_edit_add_connection (N_INPUTS, h, 0.5);
  MdkNeatEdit explicit_node = mdk_neat_edit_add_node (MDK_ACTIVATION_TANH, 0.0);
  MdkNeatEdit fixed_node_id = mdk_neat_edit_add_node (MDK_ACTIVATION_TANH, 0.0);
  MdkNeatEdit split_used = mdk_neat_edit_split_connection (g->conns[0].innovation, MDK_ACTIVATION_TANH);

  for (guint i = 0; i < g->n_conns; i++)
    {
      if (g->conns[i].out == h && into_h == NULL)
        into_h = &g->conns[i];
      if (g->conns[i].in == h && out_of_h == NULL)
        out_of_h = &g->conns[i];
    }
  g_assert_nonnull (into_h);
  g_assert_nonnull (out_of_h);
  explicit_innovation.add_connection.innovation = g->conns[0].innovation;
  explicit_node.add_node.node_id = h;
  fixed_node_id.add_node.node_id = FIRST_OUTPUT;
  split_used.split_connection.node_id = mdk_neat_innovation_peek_next_node (f->tracker) + 5;
  split_used.split_connection.in_innovation = g->conns[1].innovation;
  split_used.split_connection.out_innovation = missing_innovation;

  {
    const Refusal cases[] = {
      { "into an input", mdk_neat_edit_add_connection (FIRST_OUTPUT, 0, 1.0), MDK_NEAT_EDIT_ERROR_NOT_ALLOWED },
      { "into the bias", mdk_neat_edit_add_connection (h, N_INPUTS, 1.0), MDK_NEAT_EDIT_ERROR_NOT_ALLOWED },
      { "duplicate", mdk_neat_edit_add_connection (into_h->in, h, 1.0), MDK_NEAT_EDIT_ERROR_DUPLICATE },
      { "missing source", mdk_neat_edit_add_connection (9999, FIRST_OUTPUT, 1.0), MDK_NEAT_EDIT_ERROR_NO_NODE },
      { "missing target", mdk_neat_edit_add_connection (0, 9999, 1.0), MDK_NEAT_EDIT_ERROR_NO_NODE },
      { "cycle", mdk_neat_edit_add_connection (out_of_h->out, h, 1.0), MDK_NEAT_EDIT_ERROR_CYCLE },
      { "self-loop", mdk_neat_edit_add_connection (h, h, 1.0), MDK_NEAT_EDIT_ERROR_CYCLE },
      { "NaN weight", mdk_neat_edit_add_connection (N_INPUTS, h, NAN), MDK_NEAT_EDIT_ERROR_INVALID_VALUE },
      { "infinite weight", mdk_neat_edit_add_connection (N_INPUTS, h, INFINITY), MDK_NEAT_EDIT_ERROR_INVALID_VALUE },
      { "used innovation", explicit_innovation, MDK_NEAT_EDIT_ERROR_DUPLICATE },
      { "remove missing gene", mdk_neat_edit_remove_connection (missing_innovation), MDK_NEAT_EDIT_ERROR_NO_CONNECTION },
      { "weight of missing gene", mdk_neat_edit_set_weight (missing_innovation, 1.0), MDK_NEAT_EDIT_ERROR_NO_CONNECTION },
      { "NaN set weight", mdk_neat_edit_set_weight (g->conns[0].innovation, NAN), MDK_NEAT_EDIT_ERROR_INVALID_VALUE },
      { "enable missing gene", mdk_neat_edit_set_enabled (missing_innovation, TRUE), MDK_NEAT_EDIT_ERROR_NO_CONNECTION },
      { "split missing gene", mdk_neat_edit_split_connection (missing_innovation, MDK_ACTIVATION_TANH), MDK_NEAT_EDIT_ERROR_NO_CONNECTION },
      { "split, bad activation", mdk_neat_edit_split_connection (g->conns[0].innovation, MDK_N_ACTIVATIONS), MDK_NEAT_EDIT_ERROR_INVALID_VALUE },
      { "split, used innovation", split_used, MDK_NEAT_EDIT_ERROR_DUPLICATE },
      { "node, bad activation", mdk_neat_edit_add_node (MDK_N_ACTIVATIONS + 3, 0.0), MDK_NEAT_EDIT_ERROR_INVALID_VALUE },
      { "node, NaN bias", mdk_neat_edit_add_node (MDK_ACTIVATION_TANH, NAN), MDK_NEAT_EDIT_ERROR_INVALID_VALUE },
      { "node, used id", explicit_node, MDK_NEAT_EDIT_ERROR_DUPLICATE },
      { "node, fixed id", fixed_node_id, MDK_NEAT_EDIT_ERROR_NOT_ALLOWED },
      { "remove an input", mdk_neat_edit_remove_node (0), MDK_NEAT_EDIT_ERROR_NOT_ALLOWED },
      { "remove the bias", mdk_neat_edit_remove_node (N_INPUTS), MDK_NEAT_EDIT_ERROR_NOT_ALLOWED },
      { "remove an output", mdk_neat_edit_remove_node (FIRST_OUTPUT), MDK_NEAT_EDIT_ERROR_NOT_ALLOWED },
      { "remove missing node", mdk_neat_edit_remove_node (9999), MDK_NEAT_EDIT_ERROR_NO_NODE },
      { "bias of an input", mdk_neat_edit_set_bias (0, 1.0), MDK_NEAT_EDIT_ERROR_NOT_ALLOWED },
      { "bias of missing node", mdk_neat_edit_set_bias (9999, 1.0), MDK_NEAT_EDIT_ERROR_NO_NODE },
      { "infinite bias", mdk_neat_edit_set_bias (h, -INFINITY), MDK_NEAT_EDIT_ERROR_INVALID_VALUE },
      { "activation of the bias", mdk_neat_edit_set_activation (N_INPUTS, MDK_ACTIVATION_TANH), MDK_NEAT_EDIT_ERROR_NOT_ALLOWED },
      { "unknown activation", mdk_neat_edit_set_activation (h, MDK_N_ACTIVATIONS), MDK_NEAT_EDIT_ERROR_INVALID_VALUE },
      { "unknown kind", { .kind = MDK_NEAT_N_EDITS }, MDK_NEAT_EDIT_ERROR_INVALID_VALUE },
    };
    MdkNeatEdit first = mdk_neat_edit_set_bias (FIRST_OUTPUT, 0.5);
    g_autoptr(MdkNeatGenome) before = NULL;

    /* One edit done and one undone: a refusal must touch neither stack. */
    g_assert_true (mdk_neat_editor_apply (f->editor, &first, NULL));
    first = mdk_neat_edit_set_bias (FIRST_OUTPUT, 0.75);
    g_assert_true (mdk_neat_editor_apply (f->editor, &first, NULL));
    g_assert_true (mdk_neat_editor_undo (f->editor));
    before = mdk_neat_genome_copy (mdk_neat_editor_get_genome (f->editor));

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        MdkNeatEdit edit = cases[i].edit;
        g_autoptr(GError) error = NULL;

        g_test_message ("refusal: %s", cases[i].name);
        g_assert_false (mdk_neat_editor_apply (f->editor, &edit, &error));
        g_assert_error (error, MDK_NEAT_EDIT_ERROR, (int) cases[i].code);
        g_assert_true (g_utf8_validate (error->message, -1, NULL) && error->message[0] != '\0');
        if (cases[i].code == MDK_NEAT_EDIT_ERROR_CYCLE)
          g_assert_nonnull (strstr (error->message, "would make a cycle in a feed-forward run"));
        assert_genomes_equal (mdk_neat_editor_get_genome (f->editor), before);
        g_assert_cmpuint (mdk_neat_editor_get_n_undo (f->editor), ==, 1);
        g_assert_cmpuint (mdk_neat_editor_get_n_redo (f->editor), ==, 1);
        /* A NULL error is fine too. */
        edit = cases[i].edit;
        g_assert_false (mdk_neat_editor_apply (f->editor, &edit, NULL));
      }
  }
}

/* With recurrence on, cycles and self-loops are ordinary edits. */
static void
test_recurrent (void)
{
  g_autoptr(MdkNeatInnovation) tracker = tracker_new ();
  g_autoptr(MdkNeatGenome) genome = make_genome (7, tracker, TRUE);
  g_autoptr(MdkNeatEditor) editor = mdk_neat_editor_new (genome, tracker, TRUE);
  guint32 h = some_hidden (genome);
  MdkNeatEdit loop = mdk_neat_edit_add_connection (h, h, 0.5);
  MdkNeatEdit back = mdk_neat_edit_add_connection (FIRST_OUTPUT, h, 0.5);
  g_autoptr(GError) error = NULL;

  g_assert_true (mdk_neat_editor_apply (editor, &loop, &error));
  g_assert_no_error (error);
  if (find_conn (genome, FIRST_OUTPUT, h) == NULL)
    g_assert_true (mdk_neat_editor_apply (editor, &back, &error));
  g_assert_no_error (error);
  g_assert_true (mdk_neat_genome_validate (mdk_neat_editor_get_genome (editor), TRUE, NULL));
  while (mdk_neat_editor_undo (editor))
    ;
  assert_genomes_equal (mdk_neat_editor_get_genome (editor), genome);
}

/* Section 3.2: the same new connection made twice in a generation, in two
 * genomes, gets one innovation number; in the next generation a new one. */
static void
test_shared_innovation (void)
{
  g_autoptr(MdkNeatInnovation) tracker = tracker_new ();
  g_autoptr(MdkNeatGenome) genome = mdk_neat_genome_new (N_INPUTS, N_OUTPUTS);
  g_autoptr(MdkNeatGenome) other = NULL;
  g_autoptr(MdkNeatEditor) a = NULL;
  g_autoptr(MdkNeatEditor) b = NULL;
  g_autoptr(MdkNeatEditor) c = NULL;
  MdkNeatEdit ea = mdk_neat_edit_add_connection (1, FIRST_OUTPUT, 0.5);
  MdkNeatEdit eb = mdk_neat_edit_add_connection (1, FIRST_OUTPUT, -0.5);
  MdkNeatEdit ec = mdk_neat_edit_add_connection (1, FIRST_OUTPUT, 0.25);
  MdkNeatEdit other_edit = mdk_neat_edit_add_connection (2, FIRST_OUTPUT, 0.5);
  MdkNeatParams params;
  MdkRng rng;

  a = mdk_neat_editor_new (genome, tracker, FALSE);
  b = mdk_neat_editor_new (genome, tracker, FALSE);
  g_assert_true (mdk_neat_editor_apply (a, &ea, NULL));
  g_assert_true (mdk_neat_editor_apply (b, &other_edit, NULL));
  g_assert_true (mdk_neat_editor_apply (b, &eb, NULL));
  g_assert_cmpuint (ea.add_connection.innovation, ==, eb.add_connection.innovation);
  g_assert_cmpuint (other_edit.add_connection.innovation, !=, ea.add_connection.innovation);

  /* A mutation adding the same connection this generation agrees too. */
  mdk_neat_params_init_defaults (&params);
  mdk_rng_init (&rng, 3);
  other = mdk_neat_genome_copy (genome);
  while (find_conn (other, 1, FIRST_OUTPUT) == NULL)
    {
      mdk_neat_genome_copy_into (other, genome);
      g_assert_true (mdk_neat_genome_mutate_add_connection (other, &params, tracker, &rng));
    }
  g_assert_cmpuint (find_conn (other, 1, FIRST_OUTPUT)->innovation, ==, ea.add_connection.innovation);

  /* Undo and redo keep the number, even in a later generation. */
  mdk_neat_innovation_next_generation (tracker);
  g_assert_true (mdk_neat_editor_undo (a));
  g_assert_true (mdk_neat_editor_redo (a));
  g_assert_cmpuint (find_conn (mdk_neat_editor_get_genome (a), 1, FIRST_OUTPUT)->innovation, ==,
                    ea.add_connection.innovation);

  c = mdk_neat_editor_new (genome, tracker, FALSE);
  g_assert_true (mdk_neat_editor_apply (c, &ec, NULL));
  g_assert_cmpuint (ec.add_connection.innovation, >, eb.add_connection.innovation);
}

/* Splitting a gene by hand is the add-node mutation of that gene: same node
 * id, same two innovations, same weights, gene for gene. */
static void
test_split_matches_mutation (void)
{
  g_autoptr(MdkNeatInnovation) tracker = tracker_new ();
  g_autoptr(MdkNeatGenome) genome = make_genome (11, tracker, FALSE);
  g_autoptr(MdkNeatGenome) mutated = mdk_neat_genome_copy (genome);
  g_autoptr(MdkNeatEditor) editor = NULL;
  g_autoptr(MdkNeatEditor) again = NULL;
  MdkNeatParams params;
  MdkNeatEdit edit, edit2;
  guint32 split = 0;
  MdkRng rng;

  mdk_neat_params_init_defaults (&params);
  mdk_rng_init (&rng, 5);
  g_assert_true (mdk_neat_genome_mutate_add_node (mutated, &params, tracker, &rng));
  for (guint i = 0; i < genome->n_conns; i++)
    if (genome->conns[i].enabled && !mutated->conns[i].enabled)
      split = genome->conns[i].innovation;
  g_assert_cmpuint (split, !=, 0);

  editor = mdk_neat_editor_new (genome, tracker, FALSE);
  edit = mdk_neat_edit_split_connection (split, params.hidden_activation);
  g_assert_true (mdk_neat_editor_apply (editor, &edit, NULL));
  assert_genomes_equal (mdk_neat_editor_get_genome (editor), mutated);

  /* The genome that already holds the split gets new numbers when the
   * re-enabled gene is split again, as mutate_add_node does. */
  edit2 = mdk_neat_edit_set_enabled (split, TRUE);
  g_assert_true (mdk_neat_editor_apply (editor, &edit2, NULL));
  edit2 = mdk_neat_edit_split_connection (split, params.hidden_activation);
  g_assert_true (mdk_neat_editor_apply (editor, &edit2, NULL));
  g_assert_cmpuint (edit2.split_connection.node_id, !=, edit.split_connection.node_id);
  g_assert_cmpuint (edit2.split_connection.in_innovation, !=, edit.split_connection.in_innovation);
  g_assert_true (mdk_neat_genome_validate (mdk_neat_editor_get_genome (editor), FALSE, NULL));

  /* A second genome splitting the same gene gets the same numbers. */
  again = mdk_neat_editor_new (genome, tracker, FALSE);
  edit2 = mdk_neat_edit_split_connection (split, params.hidden_activation);
  g_assert_true (mdk_neat_editor_apply (again, &edit2, NULL));
  g_assert_cmpuint (edit2.split_connection.node_id, ==, edit.split_connection.node_id);
  g_assert_cmpuint (edit2.split_connection.in_innovation, ==, edit.split_connection.in_innovation);
  g_assert_cmpuint (edit2.split_connection.out_innovation, ==, edit.split_connection.out_innovation);
}

/* A random edit, valid or not, drawn from the genome's own ids with a few
 * out-of-range ones and a few bad values. */
static MdkNeatEdit
random_edit (const MdkNeatGenome *g,
             MdkRng              *rng)
{
  guint32 node = mdk_rng_chance (rng, 0.05) ? 5000 : g->nodes[mdk_rng_below (rng, g->n_nodes)].id;
  guint32 node2 = g->nodes[mdk_rng_below (rng, g->n_nodes)].id;
  guint32 innovation = g->n_conns == 0 || mdk_rng_chance (rng, 0.05)
                       ? 100000 : g->conns[mdk_rng_below (rng, g->n_conns)].innovation;
  double value = mdk_rng_chance (rng, 0.03) ? NAN : mdk_rng_range (rng, -3.0, 3.0);
  MdkActivation activation = mdk_rng_below (rng, MDK_N_ACTIVATIONS + 1);

  switch (mdk_rng_below (rng, MDK_NEAT_N_EDITS))
    {
    case MDK_NEAT_EDIT_ADD_CONNECTION:
      return mdk_neat_edit_add_connection (node, node2, value);
    case MDK_NEAT_EDIT_REMOVE_CONNECTION:
      return mdk_neat_edit_remove_connection (innovation);
    case MDK_NEAT_EDIT_SET_WEIGHT:
      return mdk_neat_edit_set_weight (innovation, value);
    case MDK_NEAT_EDIT_SET_ENABLED:
      return mdk_neat_edit_set_enabled (innovation, mdk_rng_chance (rng, 0.5));
    case MDK_NEAT_EDIT_SPLIT_CONNECTION:
      return mdk_neat_edit_split_connection (innovation, activation);
    case MDK_NEAT_EDIT_ADD_NODE:
      return mdk_neat_edit_add_node (activation, value);
    case MDK_NEAT_EDIT_REMOVE_NODE:
      return mdk_neat_edit_remove_node (node);
    case MDK_NEAT_EDIT_SET_BIAS:
      return mdk_neat_edit_set_bias (node, value);
    default:
      return mdk_neat_edit_set_activation (node, activation);
    }
}

/* Thousands of random edits, undos and redos: the genome stays valid, each
 * undo and redo gives back exactly the state recorded at that point, and
 * undoing everything gives the original genome. */
static void
test_random (gconstpointer data)
{
  gboolean allow_recurrent = GPOINTER_TO_INT (data);
  g_autoptr(MdkNeatInnovation) tracker = tracker_new ();
  g_autoptr(MdkNeatGenome) genome = make_genome (99, tracker, allow_recurrent);
  g_autoptr(MdkNeatEditor) editor = mdk_neat_editor_new (genome, tracker, allow_recurrent);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_neat_genome_free);
  guint n_done = 0, n_applied = 0, n_refused = 0, n_undone = 0, n_redone = 0;
  gboolean in_group = FALSE;
  MdkRng rng;

  mdk_rng_init (&rng, allow_recurrent ? 2024 : 1234);
  g_ptr_array_add (states, mdk_neat_genome_copy (genome));

  for (guint step = 0; step < 6000; step++)
    {
      const MdkNeatGenome *g = mdk_neat_editor_get_genome (editor);
      double r = mdk_rng_uniform (&rng);
      g_autoptr(GError) error = NULL;

      if (mdk_rng_chance (&rng, 0.01))
        mdk_neat_innovation_next_generation (tracker);
      /* Groups are exercised in their own test; here, occasionally, a
       * group of one keeps the undo units equal to the steps. */
      if (!in_group && mdk_rng_chance (&rng, 0.02))
        {
          mdk_neat_editor_begin_group (editor);
          in_group = TRUE;
        }

      if (r < 0.6)
        {
          MdkNeatEdit edit = random_edit (g, &rng);
          g_autoptr(MdkNeatGenome) before = mdk_neat_genome_copy (g);

          if (mdk_neat_editor_apply (editor, &edit, &error))
            {
              g_assert_no_error (error);
              n_applied++;
              g_ptr_array_set_size (states, n_done + 1);
              g_ptr_array_add (states, mdk_neat_genome_copy (g));
              n_done++;
              g_assert_false (mdk_neat_editor_can_redo (editor));
            }
          else
            {
              g_assert_nonnull (error);
              g_assert_true (error->domain == MDK_NEAT_EDIT_ERROR);
              assert_genomes_equal (g, before);
              n_refused++;
            }
        }
      else if (r < 0.85)
        {
          g_assert_cmpint (mdk_neat_editor_undo (editor), ==, n_done > 0);
          if (n_done > 0)
            {
              n_done--;
              n_undone++;
            }
        }
      else
        {
          gboolean can = n_done + 1 < states->len;
          g_assert_cmpint (mdk_neat_editor_redo (editor), ==, can);
          if (can)
            {
              n_done++;
              n_redone++;
            }
        }

      if (in_group)
        {
          mdk_neat_editor_end_group (editor);
          in_group = FALSE;
        }
      g_assert_true (mdk_neat_genome_validate (mdk_neat_editor_get_genome (editor), allow_recurrent, NULL));
      g_assert_true (genomes_equal (mdk_neat_editor_get_genome (editor), g_ptr_array_index (states, n_done)));
      g_assert_cmpuint (mdk_neat_editor_get_n_undo (editor), ==, n_done);
      g_assert_cmpuint (mdk_neat_editor_get_n_redo (editor), ==, states->len - 1 - n_done);
    }
  g_test_message ("%u applied, %u refused, %u undone, %u redone; %u nodes, %u connections",
                  n_applied, n_refused, n_undone, n_redone,
                  mdk_neat_editor_get_genome (editor)->n_nodes,
                  mdk_neat_editor_get_genome (editor)->n_conns);
  g_assert_cmpuint (n_applied, >, 1000);
  g_assert_cmpuint (n_refused, >, 100);

  /* Redo everything, then undo everything. */
  while (mdk_neat_editor_redo (editor))
    n_done++;
  g_assert_cmpuint (n_done, ==, states->len - 1);
  assert_genomes_equal (mdk_neat_editor_get_genome (editor), g_ptr_array_index (states, n_done));
  while (mdk_neat_editor_undo (editor))
    n_done--;
  g_assert_cmpuint (n_done, ==, 0);
  assert_genomes_equal (mdk_neat_editor_get_genome (editor), genome);
}

/* Weights learned elsewhere (backprop more) come in as one undo step. */
static void
test_take_weights (void)
{
  g_autoptr(MdkNeatInnovation) tracker = tracker_new ();
  g_autoptr(MdkNeatGenome) original = make_genome (17, tracker, FALSE);
  g_autoptr(MdkNeatGenome) trained = mdk_neat_genome_copy (original);
  g_autoptr(MdkNeatGenome) other = make_genome (18, tracker, FALSE);
  g_autoptr(MdkNeatEditor) editor = mdk_neat_editor_new (original, tracker, FALSE);
  g_autoptr(GError) error = NULL;
  int expected = 0;

  for (guint i = 0; i < trained->n_conns; i += 2, expected++)
    trained->conns[i].weight += 0.25;
  for (guint v = FIRST_OUTPUT; v < trained->n_nodes; v += 3, expected++)
    trained->nodes[v].bias -= 0.5;

  g_assert_cmpint (mdk_neat_editor_take_weights (editor, trained, &error), ==, expected);
  g_assert_no_error (error);
  g_assert_true (genomes_equal (mdk_neat_editor_get_genome (editor), trained));
  g_assert_cmpuint (mdk_neat_editor_get_n_undo (editor), ==, 1);
  g_assert_true (mdk_neat_editor_undo (editor));
  g_assert_true (genomes_equal (mdk_neat_editor_get_genome (editor), original));
  g_assert_true (mdk_neat_editor_redo (editor));
  g_assert_true (genomes_equal (mdk_neat_editor_get_genome (editor), trained));
  /* Nothing new: no undo step. */
  g_assert_cmpint (mdk_neat_editor_take_weights (editor, trained, NULL), ==, 0);
  g_assert_cmpuint (mdk_neat_editor_get_n_undo (editor), ==, 1);
  /* Another structure is refused, with nothing changed. */
  g_assert_cmpint (mdk_neat_editor_take_weights (editor, other, &error), ==, -1);
  g_assert_error (error, MDK_NEAT_EDIT_ERROR, MDK_NEAT_EDIT_ERROR_INVALID_VALUE);
  g_assert_true (genomes_equal (mdk_neat_editor_get_genome (editor), trained));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define FIXTURE_TEST(path, func) \
  g_test_add ("/core/neat/edit/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  FIXTURE_TEST ("add-connection", test_add_connection);
  FIXTURE_TEST ("add-connection-explicit", test_add_connection_explicit);
  FIXTURE_TEST ("remove-connection", test_remove_connection);
  FIXTURE_TEST ("set-weight", test_set_weight);
  FIXTURE_TEST ("set-enabled", test_set_enabled);
  FIXTURE_TEST ("split-connection", test_split_connection);
  FIXTURE_TEST ("add-node", test_add_node);
  FIXTURE_TEST ("remove-node", test_remove_node);
  FIXTURE_TEST ("set-bias", test_set_bias);
  FIXTURE_TEST ("set-activation", test_set_activation);
  FIXTURE_TEST ("new-apply-clears-redo", test_new_apply_clears_redo);
  FIXTURE_TEST ("group", test_group);
  FIXTURE_TEST ("refusals", test_refusals);
#undef FIXTURE_TEST

  g_test_add_func ("/core/neat/edit/recurrent", test_recurrent);
  g_test_add_func ("/core/neat/edit/take-weights", test_take_weights);
  g_test_add_func ("/core/neat/edit/shared-innovation", test_shared_innovation);
  g_test_add_func ("/core/neat/edit/split-matches-mutation", test_split_matches_mutation);
  g_test_add_data_func ("/core/neat/edit/random/feed-forward", GINT_TO_POINTER (FALSE), test_random);
  g_test_add_data_func ("/core/neat/edit/random/recurrent", GINT_TO_POINTER (TRUE), test_random);

  return g_test_run ();
}
