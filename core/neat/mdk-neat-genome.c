#define G_LOG_DOMAIN "medaka-neat"

#include "config.h"

#include "mdk-neat-genome.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mdk-project.h"

G_DEFINE_QUARK (mdk-neat-genome-error-quark, mdk_neat_genome_error)

/* Tries before add-connection gives up, as in the reference NEAT code
 * (newlink_tries = 20). */
#define ADD_CONNECTION_TRIES 20

static const char * const node_type_ids[] = { "input", "bias", "output", "hidden" };
static const char * const origin_ids[] = {
  "initial", "elite", "mutation", "crossover", "interspecies", "edited"
};

const char *
mdk_neat_node_type_to_id (MdkNeatNodeType type)
{
  g_return_val_if_fail (type <= MDK_NEAT_NODE_HIDDEN, NULL);
  return node_type_ids[type];
}

const char *
mdk_neat_origin_to_id (MdkNeatOrigin origin)
{
  g_return_val_if_fail (origin <= MDK_NEAT_ORIGIN_EDITED, NULL);
  return origin_ids[origin];
}

static void
reserve_nodes (MdkNeatGenome *genome,
               guint          n)
{
  if (n > genome->nodes_cap)
    {
      genome->nodes_cap = MAX (n, genome->nodes_cap + genome->nodes_cap / 2 + 2);
      genome->nodes = g_renew (MdkNeatNode, genome->nodes, genome->nodes_cap);
    }
}

static void
reserve_conns (MdkNeatGenome *genome,
               guint          n)
{
  if (n > genome->conns_cap)
    {
      genome->conns_cap = MAX (n, genome->conns_cap + genome->conns_cap / 2 + 4);
      genome->conns = g_renew (MdkNeatConn, genome->conns, genome->conns_cap);
    }
}

/* A genome with only its input, bias and output nodes. */
MdkNeatGenome *
mdk_neat_genome_new (guint n_inputs,
                     guint n_outputs)
{
  MdkNeatGenome *genome = g_new0 (MdkNeatGenome, 1);
  guint n = n_inputs + 1 + n_outputs;

  genome->n_inputs = n_inputs;
  genome->n_outputs = n_outputs;
  reserve_nodes (genome, n);
  for (guint i = 0; i < n; i++)
    {
      MdkNeatNode *node = &genome->nodes[i];
      node->id = i;
      node->type = i < n_inputs ? MDK_NEAT_NODE_INPUT
                   : i == n_inputs ? MDK_NEAT_NODE_BIAS : MDK_NEAT_NODE_OUTPUT;
      node->activation = MDK_ACTIVATION_IDENTITY;
      node->bias = 0.0;
    }
  genome->n_nodes = n;
  return genome;
}

/* A genome with room for @n_nodes nodes and @n_conns connections but none
 * yet, for readers that fill the arrays and then validate. */
MdkNeatGenome *
mdk_neat_genome_new_sized (guint n_inputs,
                           guint n_outputs,
                           guint n_nodes,
                           guint n_conns)
{
  MdkNeatGenome *genome = g_new0 (MdkNeatGenome, 1);

  genome->n_inputs = n_inputs;
  genome->n_outputs = n_outputs;
  reserve_nodes (genome, n_nodes);
  reserve_conns (genome, n_conns);
  return genome;
}

/* The paper's start genome: every input and the bias fully connected to every
 * output, no hidden node.  Innovation i + j·(n_inputs + 1) + 1 is the same in
 * every start genome, so they align. */
MdkNeatGenome *
mdk_neat_genome_new_minimal (guint          n_inputs,
                             guint          n_outputs,
                             MdkActivation  output_activation,
                             double         weight_range,
                             MdkRng        *rng)
{
  MdkNeatGenome *genome = mdk_neat_genome_new (n_inputs, n_outputs);
  guint innovation = 1;

  for (guint j = 0; j < n_outputs; j++)
    genome->nodes[n_inputs + 1 + j].activation = output_activation;

  reserve_conns (genome, (n_inputs + 1) * n_outputs);
  for (guint j = 0; j < n_outputs; j++)
    for (guint i = 0; i <= n_inputs; i++)
      genome->conns[genome->n_conns++] = (MdkNeatConn) {
        .in = i,
        .out = n_inputs + 1 + j,
        .innovation = innovation++,
        .enabled = TRUE,
        .weight = mdk_rng_range (rng, -weight_range, weight_range),
      };
  return genome;
}

void
mdk_neat_genome_copy_into (MdkNeatGenome       *dest,
                           const MdkNeatGenome *src)
{
  MdkNeatNode *nodes = dest->nodes;
  MdkNeatConn *conns = dest->conns;
  guint nodes_cap = dest->nodes_cap;
  guint conns_cap = dest->conns_cap;

  if (dest == src)
    return;
  *dest = *src;
  dest->nodes = nodes;
  dest->conns = conns;
  dest->nodes_cap = nodes_cap;
  dest->conns_cap = conns_cap;
  dest->n_nodes = 0;
  dest->n_conns = 0;
  reserve_nodes (dest, src->n_nodes);
  reserve_conns (dest, src->n_conns);
  memcpy (dest->nodes, src->nodes, sizeof (MdkNeatNode) * src->n_nodes);
  if (src->n_conns > 0)
    memcpy (dest->conns, src->conns, sizeof (MdkNeatConn) * src->n_conns);
  dest->n_nodes = src->n_nodes;
  dest->n_conns = src->n_conns;
}

MdkNeatGenome *
mdk_neat_genome_copy (const MdkNeatGenome *genome)
{
  MdkNeatGenome *copy = g_new0 (MdkNeatGenome, 1);

  mdk_neat_genome_copy_into (copy, genome);
  return copy;
}

void
mdk_neat_genome_free (MdkNeatGenome *genome)
{
  if (genome == NULL)
    return;
  g_free (genome->nodes);
  g_free (genome->conns);
  g_free (genome);
}

gsize
mdk_neat_genome_memory_size (const MdkNeatGenome *genome)
{
  return sizeof (MdkNeatGenome) + sizeof (MdkNeatNode) * genome->nodes_cap
         + sizeof (MdkNeatConn) * genome->conns_cap;
}

int
mdk_neat_genome_find_node (const MdkNeatGenome *genome,
                           guint32              id)
{
  guint lo = 0, hi = genome->n_nodes;

  /* Inputs, bias and outputs sit at their id. */
  if (id < genome->n_nodes && genome->nodes[id].id == id)
    return (int) id;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (genome->nodes[mid].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < genome->n_nodes && genome->nodes[lo].id == id ? (int) lo : -1;
}

int
mdk_neat_genome_find_conn (const MdkNeatGenome *genome,
                           guint32              in,
                           guint32              out)
{
  for (guint i = 0; i < genome->n_conns; i++)
    if (genome->conns[i].in == in && genome->conns[i].out == out)
      return (int) i;
  return -1;
}

guint
mdk_neat_genome_count_hidden (const MdkNeatGenome *genome)
{
  return genome->n_nodes - genome->n_inputs - 1 - genome->n_outputs;
}

guint
mdk_neat_genome_count_enabled (const MdkNeatGenome *genome)
{
  guint n = 0;

  for (guint i = 0; i < genome->n_conns; i++)
    n += genome->conns[i].enabled ? 1 : 0;
  return n;
}

guint32
mdk_neat_genome_max_innovation (const MdkNeatGenome *genome)
{
  return genome->n_conns > 0 ? genome->conns[genome->n_conns - 1].innovation : 0;
}

guint32
mdk_neat_genome_max_node_id (const MdkNeatGenome *genome)
{
  return genome->nodes[genome->n_nodes - 1].id;
}

MdkNeatNode *
mdk_neat_genome_insert_node (MdkNeatGenome   *genome,
                             guint32          id,
                             MdkNeatNodeType  type,
                             MdkActivation    activation,
                             double           bias)
{
  guint pos = genome->n_nodes;

  while (pos > 0 && genome->nodes[pos - 1].id > id)
    pos--;
  reserve_nodes (genome, genome->n_nodes + 1);
  memmove (&genome->nodes[pos + 1], &genome->nodes[pos],
           sizeof (MdkNeatNode) * (genome->n_nodes - pos));
  genome->nodes[pos] = (MdkNeatNode) { .id = id, .type = type, .activation = activation, .bias = bias };
  genome->n_nodes++;
  return &genome->nodes[pos];
}

MdkNeatConn *
mdk_neat_genome_insert_conn (MdkNeatGenome *genome,
                             guint32        in,
                             guint32        out,
                             guint32        innovation,
                             double         weight,
                             gboolean       enabled)
{
  guint pos = genome->n_conns;

  while (pos > 0 && genome->conns[pos - 1].innovation > innovation)
    pos--;
  reserve_conns (genome, genome->n_conns + 1);
  memmove (&genome->conns[pos + 1], &genome->conns[pos],
           sizeof (MdkNeatConn) * (genome->n_conns - pos));
  genome->conns[pos] = (MdkNeatConn) {
    .in = in, .out = out, .innovation = innovation, .enabled = enabled != FALSE, .weight = weight
  };
  genome->n_conns++;
  return &genome->conns[pos];
}

void
mdk_neat_genome_remove_conn_at (MdkNeatGenome *genome,
                                guint          index)
{
  g_return_if_fail (index < genome->n_conns);
  memmove (&genome->conns[index], &genome->conns[index + 1],
           sizeof (MdkNeatConn) * (genome->n_conns - index - 1));
  genome->n_conns--;
}

/* Removes a hidden node and every connection touching it. */
void
mdk_neat_genome_remove_node (MdkNeatGenome *genome,
                             guint32        id)
{
  int pos = mdk_neat_genome_find_node (genome, id);
  guint k = 0;

  g_return_if_fail (pos >= 0 && genome->nodes[pos].type == MDK_NEAT_NODE_HIDDEN);

  memmove (&genome->nodes[pos], &genome->nodes[pos + 1],
           sizeof (MdkNeatNode) * (genome->n_nodes - pos - 1));
  genome->n_nodes--;
  for (guint i = 0; i < genome->n_conns; i++)
    if (genome->conns[i].in != id && genome->conns[i].out != id)
      genome->conns[k++] = genome->conns[i];
  genome->n_conns = k;
}

/* Would a connection in → out close a loop?  All connection genes count,
 * enabled or not, so that re-enabling a gene (mutation or crossover) can
 * never create a cycle in a feed-forward run. */
gboolean
mdk_neat_genome_creates_cycle (const MdkNeatGenome *genome,
                               guint32              in,
                               guint32              out)
{
  guint n = genome->n_nodes;
  guint8 seen_small[128];
  guint32 stack_small[128];
  g_autofree guint8 *seen_big = NULL;
  g_autofree guint32 *stack_big = NULL;
  guint8 *seen = seen_small;
  guint32 *stack = stack_small;
  guint n_stack = 0;
  int start;

  if (in == out)
    return TRUE;
  start = mdk_neat_genome_find_node (genome, out);
  if (start < 0 || mdk_neat_genome_find_node (genome, in) < 0)
    return FALSE;
  if (n > G_N_ELEMENTS (seen_small))
    {
      seen = seen_big = g_new (guint8, n);
      stack = stack_big = g_new (guint32, n);
    }
  memset (seen, 0, n);

  /* Depth-first search from `out` for `in`, scanning the connection list
   * for each node reached: no adjacency to build, and genomes are small. */
  stack[n_stack++] = start;
  seen[start] = 1;
  while (n_stack > 0)
    {
      guint32 v = genome->nodes[stack[--n_stack]].id;

      if (v == in)
        return TRUE;
      for (guint i = 0; i < genome->n_conns; i++)
        if (genome->conns[i].in == v)
          {
            int w = mdk_neat_genome_find_node (genome, genome->conns[i].out);
            if (!seen[w])
              {
                seen[w] = 1;
                stack[n_stack++] = w;
              }
          }
    }
  return FALSE;
}

gboolean
mdk_neat_genome_is_acyclic (const MdkNeatGenome *genome)
{
  /* Kahn's algorithm over every connection gene, with the genes grouped by
   * source (a counting sort) so that it is linear in nodes + connections. */
  guint n = genome->n_nodes, m = genome->n_conns;
  g_autofree guint32 *indeg = g_new0 (guint32, n);
  g_autofree guint32 *queue = g_new (guint32, n);
  g_autofree guint32 *first = g_new0 (guint32, n + 1);   /* by source: [first[v], first[v+1]) */
  g_autofree guint32 *dst = g_new (guint32, MAX (m, 1));
  g_autofree int *src_of = g_new (int, MAX (m, 1));
  g_autofree int *dst_of = g_new (int, MAX (m, 1));
  guint head = 0, tail = 0;

  for (guint i = 0; i < m; i++)
    {
      src_of[i] = mdk_neat_genome_find_node (genome, genome->conns[i].in);
      dst_of[i] = mdk_neat_genome_find_node (genome, genome->conns[i].out);
      if (src_of[i] < 0 || dst_of[i] < 0)
        return FALSE;
      indeg[dst_of[i]]++;
      first[src_of[i] + 1]++;
    }
  for (guint v = 0; v < n; v++)
    first[v + 1] += first[v];
  {
    g_autofree guint32 *fill = g_memdup2 (first, n * sizeof *first);
    for (guint i = 0; i < m; i++)
      dst[fill[src_of[i]]++] = dst_of[i];
  }
  for (guint v = 0; v < n; v++)
    if (indeg[v] == 0)
      queue[tail++] = v;
  while (head < tail)
    {
      guint32 v = queue[head++];
      for (guint k = first[v]; k < first[v + 1]; k++)
        if (--indeg[dst[k]] == 0)
          queue[tail++] = dst[k];
    }
  return tail == n;
}

static double
clamp_weight (double w,
              double max)
{
  return CLAMP (w, -max, max);
}

/* Paper, section 4.1: each weight has a 90 % chance of being uniformly
 * perturbed and a 10 % chance of being assigned a new random value. */
void
mdk_neat_genome_mutate_weights (MdkNeatGenome       *genome,
                                const MdkNeatParams *params,
                                MdkRng              *rng)
{
  for (guint i = 0; i < genome->n_conns; i++)
    {
      MdkNeatConn *c = &genome->conns[i];
      /* One 64-bit draw gives both uniforms (32 bits each is plenty): this
       * loop runs for most weights of most offspring. */
      guint64 r = mdk_rng_next (rng);
      double choose = (double) (r >> 32) * 0x1.0p-32;
      double u = 2.0 * (double) (r & G_GUINT64_CONSTANT (0xffffffff)) * 0x1.0p-32 - 1.0;

      if (choose < params->weight_perturb_prob)
        c->weight += u * params->weight_perturb_power;
      else
        c->weight = u * params->weight_replace_range;
      c->weight = clamp_weight (c->weight, params->weight_max);
    }
}

void
mdk_neat_genome_mutate_biases (MdkNeatGenome       *genome,
                               const MdkNeatParams *params,
                               MdkRng              *rng)
{
  for (guint i = genome->n_inputs + 1; i < genome->n_nodes; i++)
    {
      MdkNeatNode *node = &genome->nodes[i];
      node->bias += mdk_rng_range (rng, -params->bias_perturb_power, params->bias_perturb_power);
      node->bias = clamp_weight (node->bias, params->weight_max);
    }
}

gboolean
mdk_neat_genome_mutate_add_connection (MdkNeatGenome       *genome,
                                       const MdkNeatParams *params,
                                       MdkNeatInnovation   *tracker,
                                       MdkRng              *rng)
{
  guint first_target = genome->n_inputs + 1;

  for (guint attempt = 0; attempt < ADD_CONNECTION_TRIES; attempt++)
    {
      const MdkNeatNode *from = &genome->nodes[mdk_rng_below (rng, genome->n_nodes)];
      const MdkNeatNode *to = &genome->nodes[first_target +
                                             mdk_rng_below (rng, genome->n_nodes - first_target)];
      guint32 innovation;

      if (mdk_neat_genome_find_conn (genome, from->id, to->id) >= 0)
        continue;
      if (!params->allow_recurrent && mdk_neat_genome_creates_cycle (genome, from->id, to->id))
        continue;

      innovation = mdk_neat_innovation_connection (tracker, from->id, to->id);
      mdk_neat_genome_insert_conn (genome, from->id, to->id, innovation,
                                   mdk_rng_range (rng, -params->initial_weight_range,
                                                  params->initial_weight_range),
                                   TRUE);
      return TRUE;
    }
  return FALSE;
}

/* Paper, section 3.1: the split connection is disabled, the new connection
 * into the node gets weight 1 and the one out of it the old weight. */
gboolean
mdk_neat_genome_mutate_add_node (MdkNeatGenome       *genome,
                                 const MdkNeatParams *params,
                                 MdkNeatInnovation   *tracker,
                                 MdkRng              *rng)
{
  guint32 bias_id = genome->n_inputs;
  guint n_candidates = 0;
  guint pick, k = 0;
  MdkNeatConn old = { 0 };
  guint32 node_id, in_innovation, out_innovation;

  /* As the reference NEAT code: never split a connection from the bias
   * node, whose new hidden node would only ever see a constant. */
  for (guint i = 0; i < genome->n_conns; i++)
    if (genome->conns[i].enabled && genome->conns[i].in != bias_id)
      n_candidates++;
  if (n_candidates == 0)
    return FALSE;
  pick = mdk_rng_below (rng, n_candidates);
  for (guint i = 0; i < genome->n_conns; i++)
    if (genome->conns[i].enabled && genome->conns[i].in != bias_id && k++ == pick)
      {
        genome->conns[i].enabled = FALSE;
        old = genome->conns[i];
        break;
      }

  mdk_neat_innovation_split (tracker, old.innovation, &node_id, &in_innovation, &out_innovation);
  if (mdk_neat_genome_find_node (genome, node_id) >= 0)
    {
      /* This genome already split the same gene this generation: the shared
       * numbers are taken, so the new structure gets its own. */
      node_id = mdk_neat_innovation_new_node (tracker);
      in_innovation = mdk_neat_innovation_connection (tracker, old.in, node_id);
      out_innovation = mdk_neat_innovation_connection (tracker, node_id, old.out);
    }

  mdk_neat_genome_insert_node (genome, node_id, MDK_NEAT_NODE_HIDDEN,
                               params->hidden_activation, 0.0);
  mdk_neat_genome_insert_conn (genome, old.in, node_id, in_innovation, 1.0, TRUE);
  mdk_neat_genome_insert_conn (genome, node_id, old.out, out_innovation, old.weight, TRUE);
  return TRUE;
}

gboolean
mdk_neat_genome_mutate_delete_connection (MdkNeatGenome *genome,
                                          MdkRng        *rng)
{
  if (genome->n_conns == 0)
    return FALSE;
  mdk_neat_genome_remove_conn_at (genome, mdk_rng_below (rng, genome->n_conns));
  return TRUE;
}

gboolean
mdk_neat_genome_mutate_delete_node (MdkNeatGenome *genome,
                                    MdkRng        *rng)
{
  guint n_hidden = mdk_neat_genome_count_hidden (genome);

  if (n_hidden == 0)
    return FALSE;
  mdk_neat_genome_remove_node (genome,
                               genome->nodes[genome->n_inputs + 1 + genome->n_outputs +
                                             mdk_rng_below (rng, n_hidden)].id);
  return TRUE;
}

gboolean
mdk_neat_genome_mutate_toggle_enable (MdkNeatGenome       *genome,
                                      const MdkNeatParams *params,
                                      MdkRng              *rng)
{
  MdkNeatConn *c;

  if (genome->n_conns == 0)
    return FALSE;
  c = &genome->conns[mdk_rng_below (rng, genome->n_conns)];
  c->enabled = !c->enabled;
  return TRUE;
}

gboolean
mdk_neat_genome_mutate_activation (MdkNeatGenome *genome,
                                   MdkRng        *rng)
{
  guint n_hidden = mdk_neat_genome_count_hidden (genome);
  MdkNeatNode *node;
  guint8 activation;

  if (n_hidden == 0)
    return FALSE;
  node = &genome->nodes[genome->n_inputs + 1 + genome->n_outputs + mdk_rng_below (rng, n_hidden)];
  activation = mdk_rng_below (rng, MDK_N_ACTIVATIONS - 1);
  node->activation = activation >= node->activation ? activation + 1 : activation;
  return TRUE;
}

/* As the reference NEAT code: a structural mutation (add node, else add
 * connection) excludes the others; otherwise weights and the optional
 * mutations each get their chance. */
void
mdk_neat_genome_mutate (MdkNeatGenome       *genome,
                        const MdkNeatParams *params,
                        MdkNeatInnovation   *tracker,
                        MdkRng              *rng)
{
  guint8 done = 0;

  if (mdk_rng_chance (rng, params->add_node_rate))
    {
      if (mdk_neat_genome_mutate_add_node (genome, params, tracker, rng))
        done |= MDK_NEAT_MUT_ADD_NODE;
    }
  else if (mdk_rng_chance (rng, params->add_connection_rate))
    {
      if (mdk_neat_genome_mutate_add_connection (genome, params, tracker, rng))
        done |= MDK_NEAT_MUT_ADD_CONNECTION;
    }
  else
    {
      if (mdk_rng_chance (rng, params->weight_mutate_rate))
        {
          mdk_neat_genome_mutate_weights (genome, params, rng);
          done |= MDK_NEAT_MUT_WEIGHTS;
        }
      if (mdk_rng_chance (rng, params->bias_mutate_rate))
        {
          mdk_neat_genome_mutate_biases (genome, params, rng);
          done |= MDK_NEAT_MUT_BIAS;
        }
      if (mdk_rng_chance (rng, params->toggle_enable_rate) &&
          mdk_neat_genome_mutate_toggle_enable (genome, params, rng))
        done |= MDK_NEAT_MUT_TOGGLE_ENABLE;
      if (mdk_rng_chance (rng, params->activation_mutate_rate) &&
          mdk_neat_genome_mutate_activation (genome, rng))
        done |= MDK_NEAT_MUT_ACTIVATION;
    }

  if (mdk_rng_chance (rng, params->delete_connection_rate) &&
      mdk_neat_genome_mutate_delete_connection (genome, rng))
    done |= MDK_NEAT_MUT_DELETE_CONNECTION;
  if (mdk_rng_chance (rng, params->delete_node_rate) &&
      mdk_neat_genome_mutate_delete_node (genome, rng))
    done |= MDK_NEAT_MUT_DELETE_NODE;

  genome->mutations |= done;
}

/* Paper, section 3.2: genes aligned by innovation number; matching genes are
 * inherited from a random parent and disjoint and excess genes from the fitter
 * parent.  With equal fitness the paper inherits disjoint and excess genes
 * "randomly": each comes from either parent with probability 1/2, which keeps
 * the child about the parents' size (a union would bloat the population).  A
 * gene disabled in either parent is disabled in the child with probability
 * disable_inherit_prob.  As in the reference code's mate_multipoint_avg, a
 * fraction of crossovers average the weights of matching genes. */
MdkNeatGenome *
mdk_neat_genome_crossover (const MdkNeatGenome *a,
                           const MdkNeatGenome *b,
                           const MdkNeatParams *params,
                           MdkRng              *rng)
{
  MdkNeatGenome *child = g_new0 (MdkNeatGenome, 1);

  mdk_neat_genome_crossover_into (child, a, b, params, rng);
  return child;
}

static void
add_unmatched_gene (MdkNeatGenome       *child,
                    const MdkNeatConn   *gene,
                    const MdkNeatParams *params,
                    MdkRng              *rng)
{
  if (!mdk_rng_chance (rng, 0.5))
    return;
  if (mdk_neat_genome_find_conn (child, gene->in, gene->out) >= 0)
    return;
  if (!params->allow_recurrent && mdk_neat_genome_creates_cycle (child, gene->in, gene->out))
    return;
  mdk_neat_genome_insert_conn (child, gene->in, gene->out, gene->innovation, gene->weight, gene->enabled);
}

/* Reuses @child's arrays, so a population can recycle its genomes. */
void
mdk_neat_genome_crossover_into (MdkNeatGenome       *child,
                                const MdkNeatGenome *a,
                                const MdkNeatGenome *b,
                                const MdkNeatParams *params,
                                MdkRng              *rng)
{
  gboolean equal = a->fitness == b->fitness;
  const MdkNeatGenome *p = (a->fitness >= b->fitness) ? a : b;   /* fitter */
  const MdkNeatGenome *q = p == a ? b : a;
  gboolean average;
  guint i = 0, j = 0;

  g_return_if_fail (child != a && child != b);

  /* A genome mated with itself (common in small species): every gene
   * matches, so the child is a copy in which each disabled gene stays
   * disabled with probability disable_inherit_prob.  Same distribution as
   * the general path, without its merging. */
  if (a == b)
    {
      mdk_neat_genome_copy_into (child, a);
      for (guint k = 0; k < child->n_conns; k++)
        if (!child->conns[k].enabled)
          child->conns[k].enabled = !mdk_rng_chance (rng, params->disable_inherit_prob);
      child->fitness = 0.0;
      child->fitness_valid = FALSE;
      return;
    }
  average = mdk_rng_chance (rng, params->crossover_average_prob);

  child->n_inputs = p->n_inputs;
  child->n_outputs = p->n_outputs;
  child->n_nodes = p->n_inputs + 1 + p->n_outputs;
  child->n_conns = 0;
  reserve_nodes (child, child->n_nodes);

  /* Input, bias and output nodes: attributes from a random parent. */
  for (guint k = 0; k < child->n_nodes; k++)
    {
      const MdkNeatNode *src = mdk_rng_chance (rng, 0.5) ? &p->nodes[k] : &q->nodes[k];
      child->nodes[k] = *src;
    }

  /* Matching genes, and the fitter parent's other genes unless fitness is
   * equal; all of these are p's genes, so no check is needed. */
  reserve_conns (child, p->n_conns + (equal ? q->n_conns : 0));
  for (i = 0; i < p->n_conns; i++)
    {
      const MdkNeatConn *cp = &p->conns[i];

      while (j < q->n_conns && q->conns[j].innovation < cp->innovation)
        j++;
      if (j < q->n_conns && q->conns[j].innovation == cp->innovation)
        {
          const MdkNeatConn *cq = &q->conns[j];
          MdkNeatConn gene = mdk_rng_chance (rng, 0.5) ? *cp : *cq;

          if (average)
            gene.weight = 0.5 * (cp->weight + cq->weight);
          if (!cp->enabled || !cq->enabled)
            gene.enabled = !mdk_rng_chance (rng, params->disable_inherit_prob);
          child->conns[child->n_conns++] = gene;
          j++;
        }
      else if (!equal)
        child->conns[child->n_conns++] = *cp;
    }

  if (!equal)
    {
      /* All of the fitter parent's hidden nodes, merged with q's by id (both
       * sorted) so that no lookup is needed. */
      guint kq = child->n_nodes;

      reserve_nodes (child, p->n_nodes);
      for (guint k = child->n_nodes; k < p->n_nodes; k++)
        {
          const MdkNeatNode *src = &p->nodes[k];

          while (kq < q->n_nodes && q->nodes[kq].id < src->id)
            kq++;
          if (kq < q->n_nodes && q->nodes[kq].id == src->id && mdk_rng_chance (rng, 0.5))
            src = &q->nodes[kq];
          child->nodes[child->n_nodes++] = *src;
        }
    }
  else
    {
      /* Hidden nodes of both parents, merged by id; then each unmatched
       * gene of either parent, in innovation order, with probability 1/2;
       * then the hidden nodes no gene uses are dropped. */
      guint kp = child->n_nodes, kq = child->n_nodes, k = 0;
      g_autofree guint8 *used = NULL;

      reserve_nodes (child, p->n_nodes + q->n_nodes);
      while (kp < p->n_nodes || kq < q->n_nodes)
        {
          guint32 idp = kp < p->n_nodes ? p->nodes[kp].id : G_MAXUINT32;
          guint32 idq = kq < q->n_nodes ? q->nodes[kq].id : G_MAXUINT32;

          if (idp == idq)
            {
              child->nodes[child->n_nodes++] = mdk_rng_chance (rng, 0.5) ? p->nodes[kp] : q->nodes[kq];
              kp++;
              kq++;
            }
          else if (idp < idq)
            child->nodes[child->n_nodes++] = p->nodes[kp++];
          else
            child->nodes[child->n_nodes++] = q->nodes[kq++];
        }

      i = j = 0;
      while (i < p->n_conns || j < q->n_conns)
        {
          guint32 ip = i < p->n_conns ? p->conns[i].innovation : G_MAXUINT32;
          guint32 iq = j < q->n_conns ? q->conns[j].innovation : G_MAXUINT32;

          if (ip == iq)
            {
              i++;
              j++;
            }
          else if (ip < iq)
            add_unmatched_gene (child, &p->conns[i++], params, rng);
          else
            add_unmatched_gene (child, &q->conns[j++], params, rng);
        }

      used = g_new0 (guint8, child->n_nodes);
      for (guint c = 0; c < child->n_conns; c++)
        {
          used[mdk_neat_genome_find_node (child, child->conns[c].in)] = 1;
          used[mdk_neat_genome_find_node (child, child->conns[c].out)] = 1;
        }
      for (guint m = 0; m < child->n_nodes; m++)
        if (m < child->n_inputs + 1 + child->n_outputs || used[m])
          child->nodes[k++] = child->nodes[m];
      child->n_nodes = k;
    }

  child->fitness = 0.0;
  child->fitness_valid = FALSE;
}

/* δ = c1·E/N + c2·D/N + c3·W̄ (paper, equation 1). */
double
mdk_neat_genome_distance (const MdkNeatGenome *a,
                          const MdkNeatGenome *b,
                          const MdkNeatParams *params)
{
  const MdkNeatConn *ca = a->conns, *cb = b->conns;
  const MdkNeatConn *ea = ca + a->n_conns, *eb = cb + b->n_conns;
  guint matching = 0, disjoint = 0, excess;
  double weight_diff = 0.0;
  guint n_max = MAX (a->n_conns, b->n_conns);
  double n;

  while (ca < ea && cb < eb)
    {
      if (ca->innovation == cb->innovation)
        {
          weight_diff += fabs (ca->weight - cb->weight);
          matching++;
          ca++;
          cb++;
        }
      else if (ca->innovation < cb->innovation)
        {
          disjoint++;
          ca++;
        }
      else
        {
          disjoint++;
          cb++;
        }
    }
  excess = (ea - ca) + (eb - cb);

  n = (n_max < (guint) params->compat_normalize_min) ? 1.0 : (double) n_max;
  return params->compat_excess * excess / n
         + params->compat_disjoint * disjoint / n
         + params->compat_weight * (matching > 0 ? weight_diff / matching : 0.0);
}

/* A summary of @g's innovation numbers, bit (innovation mod 64) set for
 * each gene, for mdk_neat_genome_compatible (): each bit set in one of two
 * genomes' masks and not in the other's is a gene of one that the other
 * lacks, so two genomes differ in at least popcount (a ^ b) genes. */
guint64
mdk_neat_genome_innovation_mask (const MdkNeatGenome *g)
{
  guint64 mask = 0;

  for (guint i = 0; i < g->n_conns; i++)
    mask |= G_GUINT64_CONSTANT (1) << (g->conns[i].innovation & 63);
  return mask;
}

/* How many of @g's genes have an innovation number above @max. */
static guint
count_above (const MdkNeatGenome *g,
             guint32              max)
{
  guint lo = 0, hi = g->n_conns;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g->conns[mid].innovation <= max)
        lo = mid + 1;
      else
        hi = mid;
    }
  return g->n_conns - lo;
}

/* Is δ(a, b) < threshold?  The same sum as mdk_neat_genome_distance, but
 * it stops as soon as the genes that do not match already reach the
 * threshold: speciation compares every genome with many representatives and
 * most comparisons fail.  @mask_a and @mask_b are the genomes'
 * mdk_neat_genome_innovation_mask () (or both 0): their bound rejects most
 * pairs before the genes are read (9 in 10 when speciating 1,000 genomes
 * on the double pole without velocities, which took 0.53 ms, not 0.85). */
gboolean
mdk_neat_genome_compatible (const MdkNeatGenome *a,
                            const MdkNeatGenome *b,
                            guint64              mask_a,
                            guint64              mask_b,
                            const MdkNeatParams *params,
                            double               threshold)
{
  const MdkNeatConn *ca = a->conns, *cb = b->conns;
  const MdkNeatConn *ea, *eb;
  guint n_max = MAX (a->n_conns, b->n_conns);
  double n = (n_max < (guint) params->compat_normalize_min) ? 1.0 : (double) n_max;
  guint size_gap = a->n_conns > b->n_conns ? a->n_conns - b->n_conns : b->n_conns - a->n_conns;
  guint unmatched = MAX (size_gap, (guint) __builtin_popcountll (mask_a ^ mask_b));
  /* The bounds are exact in real numbers; the margin keeps rounding from
   * ever deciding differently than the full sum would. */
  double cutoff = threshold * (1.0 + 1e-9);
  double disjoint_cost = params->compat_disjoint / n;
  guint matching = 0, disjoint = 0, excess;
  double weight_diff = 0.0, delta, base;

  /* At least |size difference| genes cannot match, and at least as many
   * as the masks differ in. */
  if (MIN (params->compat_excess, params->compat_disjoint) * unmatched / n >= cutoff)
    return FALSE;
  if (a->n_conns == 0 || b->n_conns == 0)
    return mdk_neat_genome_distance (a, b, params) < threshold;

  /* Excess genes are known before the merge: those above the other
   * genome's last innovation number.  The merge then only walks the
   * overlapping range. */
  excess = count_above (a, b->conns[b->n_conns - 1].innovation) +
           count_above (b, a->conns[a->n_conns - 1].innovation);
  base = params->compat_excess * excess / n;
  if (base >= cutoff)
    return FALSE;
  ea = ca + (a->n_conns - count_above (a, b->conns[b->n_conns - 1].innovation));
  eb = cb + (b->n_conns - count_above (b, a->conns[a->n_conns - 1].innovation));

  while (ca < ea && cb < eb)
    {
      if (ca->innovation == cb->innovation)
        {
          weight_diff += fabs (ca->weight - cb->weight);
          matching++;
          ca++;
          cb++;
        }
      else
        {
          if (ca->innovation < cb->innovation)
            ca++;
          else
            cb++;
          if (base + disjoint_cost * ++disjoint >= cutoff)
            return FALSE;
        }
    }
  /* What is left of the overlapping range is disjoint. */
  disjoint += (ea - ca) + (eb - cb);
  /* Exactly the expression of mdk_neat_genome_distance. */
  delta = params->compat_excess * excess / n
          + params->compat_disjoint * disjoint / n
          + params->compat_weight * (matching > 0 ? weight_diff / matching : 0.0);
  return delta < threshold;
}

/* Node positions are network indices (see the header), so only connection
 * endpoints need a lookup. */
void
mdk_neat_genome_decode (const MdkNeatGenome *genome,
                        MdkNetwork          *net)
{
  guint32 max_id = mdk_neat_genome_max_node_id (genome);
  guint8 *activation;
  double *bias;

  mdk_network_begin (net, genome->n_inputs, genome->n_outputs, genome->n_nodes);
  mdk_network_get_node_arrays (net, &activation, &bias);
  for (guint i = genome->n_inputs + 1; i < genome->n_nodes; i++)
    {
      activation[i] = genome->nodes[i].activation;
      bias[i] = genome->nodes[i].bias;
    }

  if (max_id < (1u << 22))
    {
      /* A direct id → index table in the network's scratch: only the ids of
       * this genome are written and only they are read, so it needs no
       * clearing between genomes. */
      guint32 *map = mdk_network_get_index_map (net, max_id + 1);
      MdkNetworkEdge *edges = mdk_network_reserve_connections (net, genome->n_conns);
      guint n = 0;

      for (guint i = 0; i < genome->n_nodes; i++)
        map[genome->nodes[i].id] = i;
      for (guint i = 0; i < genome->n_conns; i++)
        {
          const MdkNeatConn *c = &genome->conns[i];
          if (c->enabled)
            edges[n++] = (MdkNetworkEdge) { map[c->in], map[c->out], c->weight };
        }
      mdk_network_commit_connections (net, n);
    }
  else
    for (guint i = 0; i < genome->n_conns; i++)
      {
        const MdkNeatConn *c = &genome->conns[i];
        if (c->enabled)
          mdk_network_add_connection (net,
                                      mdk_neat_genome_find_node (genome, c->in),
                                      mdk_neat_genome_find_node (genome, c->out),
                                      c->weight);
      }
  mdk_network_compile (net);
}

/* What decode () reads, for another process (docs/formats.md, "Genomes in
 * transit"): the node and enabled-connection counts, the activation and
 * bias of each output and hidden node, and each enabled connection as the
 * positions of its nodes and its weight, in the genome's order so that the
 * network sums in the same order.  Ids, innovations, disabled genes and
 * the lineage stay behind. */
void
mdk_neat_genome_pack_network (const MdkNeatGenome *genome,
                              GByteArray          *out)
{
  guint n_enabled = mdk_neat_genome_count_enabled (genome);
  guint8 *p = mdk_columns_grow (out, 8 + 9 * (genome->n_nodes - genome->n_inputs - 1) + 16 * n_enabled);

  mdk_bytes_put_u32 (&p, genome->n_nodes);
  mdk_bytes_put_u32 (&p, n_enabled);
  for (guint i = genome->n_inputs + 1; i < genome->n_nodes; i++)
    {
      mdk_bytes_put_u8 (&p, genome->nodes[i].activation);
      mdk_bytes_put_double (&p, genome->nodes[i].bias);
    }
  for (guint i = 0; i < genome->n_conns; i++)
    {
      const MdkNeatConn *c = &genome->conns[i];

      if (!c->enabled)
        continue;
      mdk_bytes_put_u32 (&p, mdk_neat_genome_find_node (genome, c->in));
      mdk_bytes_put_u32 (&p, mdk_neat_genome_find_node (genome, c->out));
      mdk_bytes_put_double (&p, c->weight);
    }
}

/* The packed network as a genome whose node ids are the positions: it
 * decodes to the same network as the genome that was packed. */
MdkNeatGenome *
mdk_neat_genome_unpack_network (guint          n_inputs,
                                guint          n_outputs,
                                MdkByteReader *in)
{
  guint n_fixed = n_inputs + 1 + n_outputs;
  guint64 n_nodes = mdk_byte_reader_take (in, MDK_COLUMN_U32);
  guint64 n_conns = mdk_byte_reader_take (in, MDK_COLUMN_U32);
  gsize left = in->len - in->pos;
  g_autoptr(MdkNeatGenome) genome = NULL;

  /* The counts must fit the bytes that follow before anything is made. */
  if (in->failed || n_nodes < n_fixed ||
      (n_nodes - n_inputs - 1) * 9 + n_conns * 16 > left)
    return NULL;
  genome = mdk_neat_genome_new (n_inputs, n_outputs);
  reserve_nodes (genome, n_nodes);
  reserve_conns (genome, n_conns);
  for (guint i = n_inputs + 1; i < n_nodes; i++)
    {
      MdkNeatNode *node = &genome->nodes[i];

      node->id = i;
      node->type = i < n_fixed ? MDK_NEAT_NODE_OUTPUT : MDK_NEAT_NODE_HIDDEN;
      node->activation = mdk_byte_reader_take (in, MDK_COLUMN_U8);
      node->bias = mdk_byte_reader_take_double (in);
      if (node->activation >= MDK_N_ACTIVATIONS)
        return NULL;
    }
  genome->n_nodes = n_nodes;
  for (guint i = 0; i < n_conns; i++)
    {
      MdkNeatConn *c = &genome->conns[i];

      c->in = mdk_byte_reader_take (in, MDK_COLUMN_U32);
      c->out = mdk_byte_reader_take (in, MDK_COLUMN_U32);
      c->weight = mdk_byte_reader_take_double (in);
      c->innovation = i + 1;
      c->enabled = TRUE;
      if (c->in >= n_nodes || c->out >= n_nodes)
        return NULL;
    }
  genome->n_conns = n_conns;
  return in->failed ? NULL : g_steal_pointer (&genome);
}

#define INVALID(...) \
  G_STMT_START { \
    g_set_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

typedef struct
{
  guint64 link;     /* in << 32 | out */
  guint   index;
} LinkKey;

static int
compare_links (gconstpointer a,
               gconstpointer b)
{
  const LinkKey *x = a, *y = b;

  if (x->link != y->link)
    return x->link < y->link ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* FALSE, with the two genes (in gene order), when two connection genes join
 * the same pair of nodes.  Sorting keeps it O(n log n) for grown genomes. */
static gboolean
find_duplicate_link (const MdkNeatGenome *genome,
                     guint               *first,
                     guint               *second)
{
  g_autofree LinkKey *keys = g_new (LinkKey, MAX (genome->n_conns, 1));

  for (guint i = 0; i < genome->n_conns; i++)
    {
      keys[i].link = (guint64) genome->conns[i].in << 32 | genome->conns[i].out;
      keys[i].index = i;
    }
  qsort (keys, genome->n_conns, sizeof *keys, compare_links);
  for (guint i = 1; i < genome->n_conns; i++)
    if (keys[i].link == keys[i - 1].link)
      {
        *first = keys[i - 1].index;
        *second = keys[i].index;
        return FALSE;
      }
  return TRUE;
}

gboolean
mdk_neat_genome_validate (const MdkNeatGenome *genome,
                          gboolean             allow_recurrent,
                          GError             **error)
{
  guint fixed = genome->n_inputs + 1 + genome->n_outputs;
  guint dup_a, dup_b;

  if (genome->n_inputs == 0 || genome->n_outputs == 0)
    INVALID (_("A genome needs at least one input and one output"));
  if (genome->n_nodes < fixed)
    INVALID (_("The genome has %u nodes but needs at least %u"), genome->n_nodes, fixed);

  for (guint i = 0; i < genome->n_nodes; i++)
    {
      const MdkNeatNode *node = &genome->nodes[i];
      MdkNeatNodeType expected = i < genome->n_inputs ? MDK_NEAT_NODE_INPUT
                                 : i == genome->n_inputs ? MDK_NEAT_NODE_BIAS
                                 : i < fixed ? MDK_NEAT_NODE_OUTPUT : MDK_NEAT_NODE_HIDDEN;

      if (i < fixed && node->id != i)
        INVALID (_("Node %u should have id %u but has id %u"), i, i, node->id);
      if (i > 0 && node->id <= genome->nodes[i - 1].id)
        INVALID (_("Node ids must be unique and increasing (node %u has id %u)"), i, node->id);
      if (node->type != expected)
        INVALID (_("Node %u should be of type “%s”"), node->id, mdk_neat_node_type_to_id (expected));
      if (node->activation >= MDK_N_ACTIVATIONS)
        INVALID (_("Node %u has an unknown activation"), node->id);
      if (!isfinite (node->bias))
        INVALID (_("Node %u has a bias that is not a finite number"), node->id);
    }

  for (guint i = 0; i < genome->n_conns; i++)
    {
      const MdkNeatConn *c = &genome->conns[i];
      int in = mdk_neat_genome_find_node (genome, c->in);
      int out = mdk_neat_genome_find_node (genome, c->out);

      if (i > 0 && c->innovation <= genome->conns[i - 1].innovation)
        INVALID (_("Connection innovation numbers must be unique and increasing (connection %u has %u)"),
                 i, c->innovation);
      if (in < 0)
        INVALID (_("Connection %u starts at node %u, which does not exist"), c->innovation, c->in);
      if (out < 0)
        INVALID (_("Connection %u ends at node %u, which does not exist"), c->innovation, c->out);
      if ((guint) out <= genome->n_inputs)
        INVALID (_("Connection %u ends at input or bias node %u"), c->innovation, c->out);
      if (!isfinite (c->weight))
        INVALID (_("Connection %u has a weight that is not a finite number"), c->innovation);
    }
  if (!find_duplicate_link (genome, &dup_a, &dup_b))
    INVALID (_("Connections %u and %u both join node %u to node %u"),
             genome->conns[dup_a].innovation, genome->conns[dup_b].innovation,
             genome->conns[dup_a].in, genome->conns[dup_a].out);

  if (!allow_recurrent && !mdk_neat_genome_is_acyclic (genome))
    INVALID (_("The genome has a cycle but recurrent connections are not allowed"));
  return TRUE;
}

JsonNode *
mdk_neat_genome_to_json (const MdkNeatGenome *genome,
                         const char * const  *input_names,
                         const char * const  *output_names)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "medaka-genome");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "neat");
  json_builder_set_member_name (b, "inputs");
  json_builder_add_int_value (b, genome->n_inputs);
  json_builder_set_member_name (b, "outputs");
  json_builder_add_int_value (b, genome->n_outputs);
  if (input_names != NULL && output_names != NULL)
    {
      json_builder_set_member_name (b, "input_names");
      json_builder_begin_array (b);
      for (guint i = 0; i < genome->n_inputs; i++)
        json_builder_add_string_value (b, input_names[i]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "output_names");
      json_builder_begin_array (b);
      for (guint i = 0; i < genome->n_outputs; i++)
        json_builder_add_string_value (b, output_names[i]);
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, (gint64) genome->id);
  json_builder_set_member_name (b, "fitness");
  if (genome->fitness_valid && isfinite (genome->fitness))
    json_builder_add_double_value (b, genome->fitness);
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  for (guint i = 0; i < genome->n_nodes; i++)
    {
      const MdkNeatNode *node = &genome->nodes[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, node->id);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, mdk_neat_node_type_to_id (node->type));
      json_builder_set_member_name (b, "activation");
      json_builder_add_string_value (b, mdk_activation_to_id (node->activation));
      json_builder_set_member_name (b, "bias");
      json_builder_add_double_value (b, node->bias);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "connections");
  json_builder_begin_array (b);
  for (guint i = 0; i < genome->n_conns; i++)
    {
      const MdkNeatConn *c = &genome->conns[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "innovation");
      json_builder_add_int_value (b, c->innovation);
      json_builder_set_member_name (b, "in");
      json_builder_add_int_value (b, c->in);
      json_builder_set_member_name (b, "out");
      json_builder_add_int_value (b, c->out);
      json_builder_set_member_name (b, "weight");
      json_builder_add_double_value (b, c->weight);
      json_builder_set_member_name (b, "enabled");
      json_builder_add_boolean_value (b, c->enabled);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* Reads a member that must be a number; names the member on error. */
static gboolean
read_number (JsonObject  *obj,
             const char  *member,
             const char  *where,
             double      *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 &&
       json_node_get_value_type (node) != G_TYPE_DOUBLE))
    INVALID (_("%s: “%s” must be a number"), where, member);
  *value = json_node_get_double (node);
  return TRUE;
}

static gboolean
read_uint (JsonObject  *obj,
           const char  *member,
           const char  *where,
           guint32     *value,
           GError     **error)
{
  double v;

  if (!read_number (obj, member, where, &v, error))
    return FALSE;
  if (v < 0 || v > G_MAXUINT32 || v != floor (v))
    INVALID (_("%s: “%s” must be a whole number from 0 to %u"), where, member, G_MAXUINT32);
  *value = (guint32) v;
  return TRUE;
}

/* A string member, or "" when it is missing or not a string (never NULL,
 * never a critical from json-glib). */
static const char *
string_member (JsonObject *obj,
               const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

MdkNeatGenome *
mdk_neat_genome_from_json (JsonNode  *root,
                           GError   **error)
{
  g_autoptr(MdkNeatGenome) genome = NULL;
  JsonObject *obj;
  JsonArray *nodes, *conns;
  guint32 n_inputs, n_outputs;
  JsonNode *m;

#define FAIL(...) \
  G_STMT_START { \
    g_set_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID, __VA_ARGS__); \
    return NULL; \
  } G_STMT_END

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    FAIL (_("A genome must be a JSON object"));
  obj = json_node_get_object (root);
  if (g_strcmp0 (string_member (obj, "kind"), "neat") != 0)
    FAIL (_("genome: “kind” must be “neat”"));
  if (!read_uint (obj, "inputs", "genome", &n_inputs, error) ||
      !read_uint (obj, "outputs", "genome", &n_outputs, error))
    return NULL;
  if (n_inputs == 0 || n_outputs == 0 || n_inputs > 100000 || n_outputs > 100000)
    FAIL (_("genome: “inputs” and “outputs” must be from 1 to 100000"));

  m = json_object_get_member (obj, "nodes");
  if (m == NULL || !JSON_NODE_HOLDS_ARRAY (m))
    FAIL (_("genome: “nodes” must be an array"));
  nodes = json_node_get_array (m);
  m = json_object_get_member (obj, "connections");
  if (m == NULL || !JSON_NODE_HOLDS_ARRAY (m))
    FAIL (_("genome: “connections” must be an array"));
  conns = json_node_get_array (m);

  genome = g_new0 (MdkNeatGenome, 1);
  genome->n_inputs = n_inputs;
  genome->n_outputs = n_outputs;
  /* Optional: the id, and the fitness when the genome was evaluated. */
  m = json_object_get_member (obj, "id");
  if (m != NULL && JSON_NODE_HOLDS_VALUE (m) && json_node_get_value_type (m) == G_TYPE_INT64 &&
      json_node_get_int (m) >= 0)
    genome->id = (guint64) json_node_get_int (m);
  m = json_object_get_member (obj, "fitness");
  if (m != NULL && JSON_NODE_HOLDS_VALUE (m) &&
      (json_node_get_value_type (m) == G_TYPE_DOUBLE || json_node_get_value_type (m) == G_TYPE_INT64) &&
      isfinite (json_node_get_double (m)))
    {
      genome->fitness = json_node_get_double (m);
      genome->fitness_valid = TRUE;
    }
  reserve_nodes (genome, json_array_get_length (nodes));
  reserve_conns (genome, json_array_get_length (conns));

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonNode *el = json_array_get_element (nodes, i);
      g_autofree char *where = g_strdup_printf ("nodes[%u]", i);
      MdkNeatNode *node = &genome->nodes[genome->n_nodes];
      const char *type, *act;
      MdkActivation activation;
      double bias;
      guint t;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        FAIL (_("%s: must be an object"), where);
      obj = json_node_get_object (el);
      if (!read_uint (obj, "id", where, &node->id, error) ||
          !read_number (obj, "bias", where, &bias, error))
        return NULL;
      type = string_member (obj, "type");
      for (t = 0; t < G_N_ELEMENTS (node_type_ids); t++)
        if (g_strcmp0 (type, node_type_ids[t]) == 0)
          break;
      if (t == G_N_ELEMENTS (node_type_ids))
        FAIL (_("%s: unknown node type “%s”"), where, type);
      act = string_member (obj, "activation");
      if (!mdk_activation_from_id (act, &activation))
        FAIL (_("%s: unknown activation “%s”"), where, act);
      node->type = t;
      node->activation = activation;
      node->bias = bias;
      genome->n_nodes++;
    }

  for (guint i = 0; i < json_array_get_length (conns); i++)
    {
      JsonNode *el = json_array_get_element (conns, i);
      g_autofree char *where = g_strdup_printf ("connections[%u]", i);
      MdkNeatConn *c = &genome->conns[genome->n_conns];
      JsonNode *enabled;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        FAIL (_("%s: must be an object"), where);
      obj = json_node_get_object (el);
      if (!read_uint (obj, "innovation", where, &c->innovation, error) ||
          !read_uint (obj, "in", where, &c->in, error) ||
          !read_uint (obj, "out", where, &c->out, error) ||
          !read_number (obj, "weight", where, &c->weight, error))
        return NULL;
      enabled = json_object_get_member (obj, "enabled");
      if (enabled == NULL || !JSON_NODE_HOLDS_VALUE (enabled) ||
          json_node_get_value_type (enabled) != G_TYPE_BOOLEAN)
        FAIL (_("%s: “enabled” must be true or false"), where);
      c->enabled = json_node_get_boolean (enabled);
      genome->n_conns++;
    }
#undef FAIL

  /* Structure checks; recurrence is the optimizer's business. */
  if (!mdk_neat_genome_validate (genome, TRUE, error))
    return NULL;
  return g_steal_pointer (&genome);
}

/* A genome file as Medaka writes them (docs/formats.md): a genome document
 * (the studio's network and champion exports) or a champion document that
 * holds one (medaka-cli's champion.json).  The id is cleared: it numbered
 * the genome in the run that wrote the file, not in the one it joins. */
MdkNeatGenome *
mdk_neat_genome_from_document (const char  *data,
                               gsize        length,
                               GError     **error)
{
  g_autoptr(JsonNode) root = mdk_project_parse_json (data, length, error);
  JsonObject *obj;
  JsonNode *node, *version;
  const char *format;
  MdkNeatGenome *genome;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    INVALID (_("The file is not a Medaka genome: it holds no JSON object"));
  obj = json_node_get_object (root);
  format = string_member (obj, "format");
  version = json_object_get_member (obj, "version");
  if (version != NULL && JSON_NODE_HOLDS_VALUE (version) &&
      json_node_get_value_type (version) == G_TYPE_INT64 && json_node_get_int (version) > 1)
    INVALID (_("Made by a newer Medaka (format %lld); this one reads format 1"),
             (long long) json_node_get_int (version));
  if (g_str_equal (format, "medaka-genome"))
    node = root;
  else if (g_str_equal (format, "medaka-champion"))
    {
      node = json_object_get_member (obj, "genome");
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        INVALID (_("genome: the champion file holds no genome (the run had none)"));
    }
  else if (format[0] == '\0')
    INVALID (_("The file is not a Medaka genome: “format” is missing"));
  else
    INVALID (_("“format” must be “medaka-genome” or “medaka-champion”, not “%s”"), format);

  genome = mdk_neat_genome_from_json (node, error);
  if (genome != NULL)
    genome->id = 0;
  return genome;
}

MdkNeatGenome *
mdk_neat_genome_load (GFile   *file,
                      GError **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_load_contents (file, NULL, &data, &length, NULL, error))
    return NULL;
  return mdk_neat_genome_from_document (data, length, error);
}
