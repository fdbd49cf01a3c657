#define G_LOG_DOMAIN "medaka-neat"

#include "config.h"

#include "mdk-neat-edit.h"

#include <glib/gi18n-lib.h>
#include <math.h>

G_DEFINE_QUARK (mdk-neat-edit-error-quark, mdk_neat_edit_error)

/* One applied edit on the undo stack. */
typedef struct
{
  MdkNeatEdit  edit;      /* resolved: every number filled in */
  MdkNeatConn *conns;     /* REMOVE_NODE: the node's connections, in gene order */
  guint        group;     /* 0, or the group it undoes with */
} Step;

struct _MdkNeatEditor
{
  MdkNeatGenome     *genome;
  MdkNeatInnovation *tracker;    /* borrowed */
  gboolean           allow_recurrent;
  GArray            *steps;      /* of Step: done ones first, then the redo ones */
  guint              n_done;
  guint              group;      /* the open group, or 0 */
  guint              last_group;
};

#define FAIL(code, ...) \
  G_STMT_START { \
    g_set_error (error, MDK_NEAT_EDIT_ERROR, MDK_NEAT_EDIT_ERROR_ ## code, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

/* Builders. */

MdkNeatEdit
mdk_neat_edit_add_connection (guint32 in,
                              guint32 out,
                              double  weight)
{
  return (MdkNeatEdit) {
    .kind = MDK_NEAT_EDIT_ADD_CONNECTION,
    .add_connection = { .in = in, .out = out, .weight = weight },
  };
}

MdkNeatEdit
mdk_neat_edit_remove_connection (guint32 innovation)
{
  return (MdkNeatEdit) {
    .kind = MDK_NEAT_EDIT_REMOVE_CONNECTION,
    .remove_connection = { .innovation = innovation },
  };
}

MdkNeatEdit
mdk_neat_edit_set_weight (guint32 innovation,
                          double  weight)
{
  return (MdkNeatEdit) {
    .kind = MDK_NEAT_EDIT_SET_WEIGHT,
    .set_weight = { .innovation = innovation, .weight = weight },
  };
}

MdkNeatEdit
mdk_neat_edit_set_enabled (guint32  innovation,
                           gboolean enabled)
{
  return (MdkNeatEdit) {
    .kind = MDK_NEAT_EDIT_SET_ENABLED,
    .set_enabled = { .innovation = innovation, .enabled = enabled != FALSE },
  };
}

MdkNeatEdit
mdk_neat_edit_split_connection (guint32       innovation,
                                MdkActivation activation)
{
  return (MdkNeatEdit) {
    .kind = MDK_NEAT_EDIT_SPLIT_CONNECTION,
    .split_connection = { .innovation = innovation, .activation = activation },
  };
}

MdkNeatEdit
mdk_neat_edit_add_node (MdkActivation activation,
                        double        bias)
{
  return (MdkNeatEdit) {
    .kind = MDK_NEAT_EDIT_ADD_NODE,
    .add_node = { .activation = activation, .bias = bias },
  };
}

MdkNeatEdit
mdk_neat_edit_remove_node (guint32 node_id)
{
  return (MdkNeatEdit) {
    .kind = MDK_NEAT_EDIT_REMOVE_NODE,
    .remove_node = { .node_id = node_id },
  };
}

MdkNeatEdit
mdk_neat_edit_set_bias (guint32 node_id,
                        double  bias)
{
  return (MdkNeatEdit) {
    .kind = MDK_NEAT_EDIT_SET_BIAS,
    .set_bias = { .node_id = node_id, .bias = bias },
  };
}

MdkNeatEdit
mdk_neat_edit_set_activation (guint32       node_id,
                              MdkActivation activation)
{
  return (MdkNeatEdit) {
    .kind = MDK_NEAT_EDIT_SET_ACTIVATION,
    .set_activation = { .node_id = node_id, .activation = activation },
  };
}

/* Lookups and checks; none of them changes the genome. */

/* Connection genes are sorted by innovation. */
static int
find_innovation (const MdkNeatGenome *genome,
                 guint32              innovation)
{
  guint lo = 0, hi = genome->n_conns;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (genome->conns[mid].innovation < innovation)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < genome->n_conns && genome->conns[lo].innovation == innovation ? (int) lo : -1;
}

static guint
first_hidden_id (const MdkNeatGenome *genome)
{
  return genome->n_inputs + 1 + genome->n_outputs;
}

static gboolean
get_conn (const MdkNeatGenome  *genome,
          guint32               innovation,
          MdkNeatConn         **conn,
          GError              **error)
{
  int pos = find_innovation (genome, innovation);

  if (pos < 0)
    FAIL (NO_CONNECTION, _("There is no connection with innovation number %u"), innovation);
  *conn = &genome->conns[pos];
  return TRUE;
}

static gboolean
get_node (const MdkNeatGenome  *genome,
          guint32               id,
          MdkNeatNode         **node,
          GError              **error)
{
  int pos = mdk_neat_genome_find_node (genome, id);

  if (pos < 0)
    FAIL (NO_NODE, _("Node %u does not exist"), id);
  *node = &genome->nodes[pos];
  return TRUE;
}

/* Bias and activation only mean something for outputs and hidden nodes. */
static gboolean
get_computing_node (const MdkNeatGenome  *genome,
                    guint32               id,
                    MdkNeatNode         **node,
                    GError              **error)
{
  if (!get_node (genome, id, node, error))
    return FALSE;
  if ((*node)->type == MDK_NEAT_NODE_INPUT || (*node)->type == MDK_NEAT_NODE_BIAS)
    FAIL (NOT_ALLOWED, _("Node %u is an input or the bias node, which has no bias or activation"), id);
  return TRUE;
}

static gboolean
check_unused_innovation (const MdkNeatGenome  *genome,
                         guint32               innovation,
                         GError              **error)
{
  if (innovation == 0)
    FAIL (INVALID_VALUE, _("Innovation numbers start at 1"));
  if (find_innovation (genome, innovation) >= 0)
    FAIL (DUPLICATE, _("Innovation number %u is already used in this genome"), innovation);
  return TRUE;
}

static gboolean
check_unused_node_id (const MdkNeatGenome  *genome,
                      guint32               id,
                      GError              **error)
{
  if (id < first_hidden_id (genome))
    FAIL (NOT_ALLOWED, _("Node id %u is not a hidden node id (hidden node ids start at %u)"),
          id, first_hidden_id (genome));
  if (mdk_neat_genome_find_node (genome, id) >= 0)
    FAIL (DUPLICATE, _("Node id %u is already used in this genome"), id);
  return TRUE;
}

static gboolean
check_activation (MdkActivation   activation,
                  GError        **error)
{
  if ((guint) activation >= MDK_N_ACTIVATIONS)
    FAIL (INVALID_VALUE, _("Unknown activation function"));
  return TRUE;
}

/* Apply and revert.  Each apply checks everything before it changes
 * anything, so a refused edit leaves the genome as it was. */

static gboolean
apply_add_connection (MdkNeatEditor  *editor,
                      Step           *step,
                      GError        **error)
{
  MdkNeatGenome *genome = editor->genome;
  typeof (step->edit.add_connection) *e = &step->edit.add_connection;
  MdkNeatNode *from, *to;
  guint32 innovation = e->innovation;

  if (!get_node (genome, e->in, &from, error) || !get_node (genome, e->out, &to, error))
    return FALSE;
  if (to->type == MDK_NEAT_NODE_INPUT || to->type == MDK_NEAT_NODE_BIAS)
    FAIL (NOT_ALLOWED, _("A connection cannot end at input or bias node %u"), e->out);
  if (!isfinite (e->weight))
    FAIL (INVALID_VALUE, _("The weight must be a finite number"));
  if (mdk_neat_genome_find_conn (genome, e->in, e->out) >= 0)
    FAIL (DUPLICATE, _("Node %u is already connected to node %u"), e->in, e->out);
  if (!editor->allow_recurrent && mdk_neat_genome_creates_cycle (genome, e->in, e->out))
    FAIL (CYCLE, _("A connection from node %u to node %u would make a cycle in a feed-forward run"),
          e->in, e->out);

  if (innovation == 0)
    innovation = mdk_neat_innovation_connection (editor->tracker, e->in, e->out);
  if (!check_unused_innovation (genome, innovation, error))
    return FALSE;
  mdk_neat_innovation_reserve (editor->tracker, innovation, 0);

  e->innovation = innovation;
  mdk_neat_genome_insert_conn (genome, e->in, e->out, innovation, e->weight, TRUE);
  return TRUE;
}

static gboolean
apply_split_connection (MdkNeatEditor  *editor,
                        Step           *step,
                        GError        **error)
{
  MdkNeatGenome *genome = editor->genome;
  typeof (step->edit.split_connection) *e = &step->edit.split_connection;
  guint32 node_id = e->node_id, in_innovation = e->in_innovation, out_innovation = e->out_innovation;
  MdkNeatConn *conn;

  if (!get_conn (genome, e->innovation, &conn, error) || !check_activation (e->activation, error))
    return FALSE;

  if (node_id == 0)
    {
      /* The numbers an add-node mutation of this gene gets this generation,
       * so the two line up at crossover. */
      mdk_neat_innovation_split (editor->tracker, e->innovation,
                                 &node_id, &in_innovation, &out_innovation);
      if (mdk_neat_genome_find_node (genome, node_id) >= 0 ||
          find_innovation (genome, in_innovation) >= 0 ||
          find_innovation (genome, out_innovation) >= 0)
        {
          /* This genome already holds that split (the gene was re-enabled
           * and split again): as in mutate_add_node, new numbers. */
          node_id = mdk_neat_innovation_new_node (editor->tracker);
          in_innovation = mdk_neat_innovation_connection (editor->tracker, conn->in, node_id);
          out_innovation = mdk_neat_innovation_connection (editor->tracker, node_id, conn->out);
        }
    }
  if (!check_unused_node_id (genome, node_id, error) ||
      !check_unused_innovation (genome, in_innovation, error) ||
      !check_unused_innovation (genome, out_innovation, error))
    return FALSE;
  if (in_innovation == out_innovation)
    FAIL (DUPLICATE, _("Innovation number %u is already used in this genome"), out_innovation);
  mdk_neat_innovation_reserve (editor->tracker, MAX (in_innovation, out_innovation), node_id);

  e->node_id = node_id;
  e->in_innovation = in_innovation;
  e->out_innovation = out_innovation;
  e->split = *conn;

  /* Paper, section 3.1: the old gene is disabled, the connection into the
   * new node gets weight 1 and the one out of it the old weight.  Splitting
   * never makes a cycle: every path it adds already existed. */
  conn->enabled = FALSE;
  mdk_neat_genome_insert_node (genome, node_id, MDK_NEAT_NODE_HIDDEN, e->activation, 0.0);
  mdk_neat_genome_insert_conn (genome, e->split.in, node_id, in_innovation, 1.0, TRUE);
  mdk_neat_genome_insert_conn (genome, node_id, e->split.out, out_innovation, e->split.weight, TRUE);
  return TRUE;
}

static gboolean
apply_add_node (MdkNeatEditor  *editor,
                Step           *step,
                GError        **error)
{
  MdkNeatGenome *genome = editor->genome;
  typeof (step->edit.add_node) *e = &step->edit.add_node;
  guint32 node_id = e->node_id;

  if (!check_activation (e->activation, error))
    return FALSE;
  if (!isfinite (e->bias))
    FAIL (INVALID_VALUE, _("The bias must be a finite number"));
  if (node_id == 0)
    node_id = mdk_neat_innovation_new_node (editor->tracker);
  if (!check_unused_node_id (genome, node_id, error))
    return FALSE;
  mdk_neat_innovation_reserve (editor->tracker, 0, node_id);

  e->node_id = node_id;
  mdk_neat_genome_insert_node (genome, node_id, MDK_NEAT_NODE_HIDDEN, e->activation, e->bias);
  return TRUE;
}

static gboolean
apply_remove_node (MdkNeatEditor  *editor,
                   Step           *step,
                   GError        **error)
{
  MdkNeatGenome *genome = editor->genome;
  typeof (step->edit.remove_node) *e = &step->edit.remove_node;
  MdkNeatNode *node;
  guint n = 0;

  if (!get_node (genome, e->node_id, &node, error))
    return FALSE;
  if (node->type != MDK_NEAT_NODE_HIDDEN)
    FAIL (NOT_ALLOWED, _("Node %u is an input, the bias or an output: only hidden nodes can be removed"),
          e->node_id);

  e->removed = *node;
  for (guint i = 0; i < genome->n_conns; i++)
    if (genome->conns[i].in == e->node_id || genome->conns[i].out == e->node_id)
      n++;
  g_clear_pointer (&step->conns, g_free);
  step->conns = g_new (MdkNeatConn, MAX (n, 1));
  e->n_removed_conns = 0;
  for (guint i = 0; i < genome->n_conns; i++)
    if (genome->conns[i].in == e->node_id || genome->conns[i].out == e->node_id)
      step->conns[e->n_removed_conns++] = genome->conns[i];
  mdk_neat_genome_remove_node (genome, e->node_id);
  return TRUE;
}

static gboolean
apply_step (MdkNeatEditor  *editor,
            Step           *step,
            GError        **error)
{
  MdkNeatGenome *genome = editor->genome;
  MdkNeatEdit *edit = &step->edit;
  MdkNeatConn *conn;
  MdkNeatNode *node;

  switch (edit->kind)
    {
    case MDK_NEAT_EDIT_ADD_CONNECTION:
      return apply_add_connection (editor, step, error);

    case MDK_NEAT_EDIT_REMOVE_CONNECTION:
      if (!get_conn (genome, edit->remove_connection.innovation, &conn, error))
        return FALSE;
      edit->remove_connection.removed = *conn;
      mdk_neat_genome_remove_conn_at (genome, conn - genome->conns);
      return TRUE;

    case MDK_NEAT_EDIT_SET_WEIGHT:
      if (!get_conn (genome, edit->set_weight.innovation, &conn, error))
        return FALSE;
      if (!isfinite (edit->set_weight.weight))
        FAIL (INVALID_VALUE, _("The weight must be a finite number"));
      edit->set_weight.old_weight = conn->weight;
      conn->weight = edit->set_weight.weight;
      return TRUE;

    case MDK_NEAT_EDIT_SET_ENABLED:
      /* Re-enabling cannot make a cycle: disabled genes count in every
       * cycle check (see mdk_neat_genome_creates_cycle). */
      if (!get_conn (genome, edit->set_enabled.innovation, &conn, error))
        return FALSE;
      edit->set_enabled.enabled = edit->set_enabled.enabled != FALSE;
      edit->set_enabled.old_enabled = conn->enabled != 0;
      conn->enabled = edit->set_enabled.enabled;
      return TRUE;

    case MDK_NEAT_EDIT_SPLIT_CONNECTION:
      return apply_split_connection (editor, step, error);

    case MDK_NEAT_EDIT_ADD_NODE:
      return apply_add_node (editor, step, error);

    case MDK_NEAT_EDIT_REMOVE_NODE:
      return apply_remove_node (editor, step, error);

    case MDK_NEAT_EDIT_SET_BIAS:
      if (!get_computing_node (genome, edit->set_bias.node_id, &node, error))
        return FALSE;
      if (!isfinite (edit->set_bias.bias))
        FAIL (INVALID_VALUE, _("The bias must be a finite number"));
      edit->set_bias.old_bias = node->bias;
      node->bias = edit->set_bias.bias;
      return TRUE;

    case MDK_NEAT_EDIT_SET_ACTIVATION:
      if (!get_computing_node (genome, edit->set_activation.node_id, &node, error) ||
          !check_activation (edit->set_activation.activation, error))
        return FALSE;
      edit->set_activation.old_activation = node->activation;
      node->activation = edit->set_activation.activation;
      return TRUE;

    case MDK_NEAT_N_EDITS:
    default:
      break;
    }
  FAIL (INVALID_VALUE, _("Unknown kind of edit"));
}

/* Undoes a step applied last: the genome is exactly as apply left it. */
static void
revert_step (MdkNeatEditor *editor,
             const Step    *step)
{
  MdkNeatGenome *genome = editor->genome;
  const MdkNeatEdit *edit = &step->edit;
  int pos;

  switch (edit->kind)
    {
    case MDK_NEAT_EDIT_ADD_CONNECTION:
      pos = find_innovation (genome, edit->add_connection.innovation);
      g_return_if_fail (pos >= 0);
      mdk_neat_genome_remove_conn_at (genome, pos);
      break;

    case MDK_NEAT_EDIT_REMOVE_CONNECTION:
      {
        const MdkNeatConn *c = &edit->remove_connection.removed;
        mdk_neat_genome_insert_conn (genome, c->in, c->out, c->innovation, c->weight, c->enabled);
      }
      break;

    case MDK_NEAT_EDIT_SET_WEIGHT:
      pos = find_innovation (genome, edit->set_weight.innovation);
      g_return_if_fail (pos >= 0);
      genome->conns[pos].weight = edit->set_weight.old_weight;
      break;

    case MDK_NEAT_EDIT_SET_ENABLED:
      pos = find_innovation (genome, edit->set_enabled.innovation);
      g_return_if_fail (pos >= 0);
      genome->conns[pos].enabled = edit->set_enabled.old_enabled;
      break;

    case MDK_NEAT_EDIT_SPLIT_CONNECTION:
      /* Removing the node takes its two connections with it. */
      mdk_neat_genome_remove_node (genome, edit->split_connection.node_id);
      pos = find_innovation (genome, edit->split_connection.innovation);
      g_return_if_fail (pos >= 0);
      genome->conns[pos] = edit->split_connection.split;
      break;

    case MDK_NEAT_EDIT_ADD_NODE:
      mdk_neat_genome_remove_node (genome, edit->add_node.node_id);
      break;

    case MDK_NEAT_EDIT_REMOVE_NODE:
      {
        const MdkNeatNode *n = &edit->remove_node.removed;
        mdk_neat_genome_insert_node (genome, n->id, n->type, n->activation, n->bias);
        for (guint i = 0; i < edit->remove_node.n_removed_conns; i++)
          {
            const MdkNeatConn *c = &step->conns[i];
            mdk_neat_genome_insert_conn (genome, c->in, c->out, c->innovation, c->weight, c->enabled);
          }
      }
      break;

    case MDK_NEAT_EDIT_SET_BIAS:
      pos = mdk_neat_genome_find_node (genome, edit->set_bias.node_id);
      g_return_if_fail (pos >= 0);
      genome->nodes[pos].bias = edit->set_bias.old_bias;
      break;

    case MDK_NEAT_EDIT_SET_ACTIVATION:
      pos = mdk_neat_genome_find_node (genome, edit->set_activation.node_id);
      g_return_if_fail (pos >= 0);
      genome->nodes[pos].activation = edit->set_activation.old_activation;
      break;

    case MDK_NEAT_N_EDITS:
    default:
      g_return_if_reached ();
    }
}

/* Every change is checked against the genome's invariants, except in
 * builds with assertions off: a bug here would corrupt the run. */
static void
check_genome (MdkNeatEditor *editor)
{
#ifndef G_DISABLE_ASSERT
  g_autoptr(GError) error = NULL;

  if (!mdk_neat_genome_validate (editor->genome, editor->allow_recurrent, &error))
    g_critical ("The edited genome is invalid: %s", error->message);
#endif
}

static void
step_clear (gpointer data)
{
  Step *step = data;

  g_clear_pointer (&step->conns, g_free);
}

/* The editor. */

MdkNeatEditor *
mdk_neat_editor_new (const MdkNeatGenome *genome,
                     MdkNeatInnovation   *tracker,
                     gboolean             allow_recurrent)
{
  MdkNeatEditor *editor;

  g_return_val_if_fail (genome != NULL, NULL);
  g_return_val_if_fail (tracker != NULL, NULL);

  editor = g_new0 (MdkNeatEditor, 1);
  editor->genome = mdk_neat_genome_copy (genome);
  editor->tracker = tracker;
  editor->allow_recurrent = allow_recurrent != FALSE;
  editor->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (editor->steps, step_clear);
  /* A genome loaded from a file may use numbers the tracker has not handed
   * out yet; new structure must not reuse them. */
  mdk_neat_innovation_reserve (tracker, mdk_neat_genome_max_innovation (genome),
                               mdk_neat_genome_max_node_id (genome));
  return editor;
}

void
mdk_neat_editor_free (MdkNeatEditor *editor)
{
  if (editor == NULL)
    return;
  g_array_unref (editor->steps);
  mdk_neat_genome_free (editor->genome);
  g_free (editor);
}

const MdkNeatGenome *
mdk_neat_editor_get_genome (MdkNeatEditor *editor)
{
  g_return_val_if_fail (editor != NULL, NULL);
  return editor->genome;
}

/* Checks @edit and applies it.  On success @edit is filled in with what
 * was resolved (numbers from the tracker, old values), the redo stack is
 * dropped and the edit can be undone.  On failure the genome is unchanged. */
gboolean
mdk_neat_editor_apply (MdkNeatEditor  *editor,
                       MdkNeatEdit    *edit,
                       GError        **error)
{
  Step step = { 0 };

  g_return_val_if_fail (editor != NULL, FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  step.edit = *edit;
  step.group = editor->group;
  if (!apply_step (editor, &step, error))
    {
      step_clear (&step);
      return FALSE;
    }
  check_genome (editor);

  g_array_set_size (editor->steps, editor->n_done);
  g_array_append_val (editor->steps, step);
  editor->n_done++;
  *edit = step.edit;
  return TRUE;
}

gboolean
mdk_neat_editor_can_undo (MdkNeatEditor *editor)
{
  g_return_val_if_fail (editor != NULL, FALSE);
  return editor->n_done > 0;
}

gboolean
mdk_neat_editor_can_redo (MdkNeatEditor *editor)
{
  g_return_val_if_fail (editor != NULL, FALSE);
  return editor->n_done < editor->steps->len;
}

static guint
step_group (MdkNeatEditor *editor,
            guint          index)
{
  return g_array_index (editor->steps, Step, index).group;
}

/* Undoes the last edit, or the last group of edits.  FALSE when there was
 * nothing to undo. */
gboolean
mdk_neat_editor_undo (MdkNeatEditor *editor)
{
  guint group;

  g_return_val_if_fail (editor != NULL, FALSE);

  if (editor->n_done == 0)
    return FALSE;
  group = step_group (editor, editor->n_done - 1);
  do
    {
      editor->n_done--;
      revert_step (editor, &g_array_index (editor->steps, Step, editor->n_done));
    }
  while (group != 0 && editor->n_done > 0 && step_group (editor, editor->n_done - 1) == group);
  check_genome (editor);
  return TRUE;
}

/* Reapplies the last undone edit (or group) with the numbers it had. */
gboolean
mdk_neat_editor_redo (MdkNeatEditor *editor)
{
  guint group;

  g_return_val_if_fail (editor != NULL, FALSE);

  if (editor->n_done == editor->steps->len)
    return FALSE;
  group = step_group (editor, editor->n_done);
  do
    {
      g_autoptr(GError) error = NULL;
      Step *step = &g_array_index (editor->steps, Step, editor->n_done);

      /* Undo restored the genome exactly, so this cannot fail. */
      if (!apply_step (editor, step, &error))
        {
          g_critical ("Cannot redo an edit: %s", error->message);
          g_array_set_size (editor->steps, editor->n_done);
          return FALSE;
        }
      editor->n_done++;
    }
  while (group != 0 && editor->n_done < editor->steps->len &&
         step_group (editor, editor->n_done) == group);
  check_genome (editor);
  return TRUE;
}

static guint
count_units (MdkNeatEditor *editor,
             guint          from,
             guint          to)
{
  guint n = 0;

  for (guint i = from; i < to; i++)
    if (i == from || step_group (editor, i) == 0 || step_group (editor, i) != step_group (editor, i - 1))
      n++;
  return n;
}

/* How many undos (a group counts once). */
guint
mdk_neat_editor_get_n_undo (MdkNeatEditor *editor)
{
  g_return_val_if_fail (editor != NULL, 0);
  return count_units (editor, 0, editor->n_done);
}

guint
mdk_neat_editor_get_n_redo (MdkNeatEditor *editor)
{
  g_return_val_if_fail (editor != NULL, 0);
  return count_units (editor, editor->n_done, editor->steps->len);
}

void
mdk_neat_editor_begin_group (MdkNeatEditor *editor)
{
  g_return_if_fail (editor != NULL);
  g_return_if_fail (editor->group == 0);
  editor->group = ++editor->last_group;
}

void
mdk_neat_editor_end_group (MdkNeatEditor *editor)
{
  g_return_if_fail (editor != NULL);
  g_return_if_fail (editor->group != 0);
  editor->group = 0;
}

/**
 * mdk_neat_editor_take_weights:
 * @editor: an editor
 * @trained: a genome of the same structure (e.g. a copy of the editor's
 *   genome after backprop)
 * @error: when the structures differ
 *
 * Gives the editor's genome the connection weights and node biases of
 * @trained, as set-weight and set-bias edits that undo as one step.
 *
 * Returns: the number of values that changed (0 is no undo step), or -1 on
 *   error, with nothing changed.
 */
int
mdk_neat_editor_take_weights (MdkNeatEditor        *editor,
                              const MdkNeatGenome  *trained,
                              GError              **error)
{
  const MdkNeatGenome *g;
  int changed = 0;

  g_return_val_if_fail (editor != NULL && trained != NULL, -1);
  g_return_val_if_fail (editor->group == 0, -1);

  g = editor->genome;
  if (g->n_conns != trained->n_conns || g->n_nodes != trained->n_nodes)
    goto differ;
  for (guint i = 0; i < g->n_conns; i++)
    if (g->conns[i].innovation != trained->conns[i].innovation ||
        !isfinite (trained->conns[i].weight))
      goto differ;
  for (guint v = 0; v < g->n_nodes; v++)
    if (g->nodes[v].id != trained->nodes[v].id || !isfinite (trained->nodes[v].bias))
      goto differ;

  mdk_neat_editor_begin_group (editor);
  for (guint i = 0; i < trained->n_conns; i++)
    if (editor->genome->conns[i].weight != trained->conns[i].weight)
      {
        MdkNeatEdit edit = mdk_neat_edit_set_weight (trained->conns[i].innovation, trained->conns[i].weight);
        changed += mdk_neat_editor_apply (editor, &edit, NULL);
      }
  for (guint v = trained->n_inputs + 1; v < trained->n_nodes; v++)
    if (editor->genome->nodes[v].bias != trained->nodes[v].bias)
      {
        MdkNeatEdit edit = mdk_neat_edit_set_bias (trained->nodes[v].id, trained->nodes[v].bias);
        changed += mdk_neat_editor_apply (editor, &edit, NULL);
      }
  mdk_neat_editor_end_group (editor);
  return changed;

differ:
  g_set_error_literal (error, MDK_NEAT_EDIT_ERROR, MDK_NEAT_EDIT_ERROR_INVALID_VALUE,
                       _("The trained network does not match the edited one"));
  return -1;
}
