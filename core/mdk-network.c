#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-network.h"

#include <cblas.h>
#include <string.h>

typedef MdkNetworkOp NetOp;

typedef MdkNetworkEdge EdgeIn;

/* A dense layer as the network runs it: offsets into dense_w of its weights
 * (n_out × n_in, row-major), biases and recurrent weights (n_out × n_out),
 * and of its last outputs in dense_state. */
typedef struct
{
  guint         n_in;
  guint         n_out;
  MdkActivation activation;
  gboolean      bias;
  gboolean      recurrent;
  gsize         w;
  gsize         b;
  gsize         u;
  gsize         state;
} DenseLayer;

/* Rows of a batch per cblas_sgemm: the layer outputs stay in cache. */
#define DENSE_CHUNK 256

struct _MdkNetwork
{
  guint    n_inputs;
  guint    n_outputs;
  guint    n_nodes;
  guint    n_edges;
  gboolean recurrent;

  /* Graph as given by the decoder. */
  guint8  *activation;     /* per node */
  double  *bias;           /* per node */
  EdgeIn  *edges;
  gsize    edges_cap;
  gsize    nodes_cap;

  /* Compiled program. */
  NetOp   *ops;
  guint    n_ops;
  guint32 *src;
  double  *weight;
  double  *values;
  guint32 *order;          /* node indices in evaluation order */

  /* Compile scratch, kept to avoid allocating per genome. */
  guint32 *indegree;
  guint32 *heap;
  guint32 *offsets;
  guint32 *out_offsets;
  guint32 *out_dst;
  gsize    out_cap;

  double  *scratch;
  gsize    scratch_cap;
  double  *batch;            /* node-major values of a batch, and partial sums */
  gsize    batch_cap;
  guint32 *index_map;
  gsize    index_map_cap;

  /* Dense layers (mdk_network_begin_layers); the graph above then only
   * describes the shape. */
  gboolean    dense;
  DenseLayer *layers;
  guint       n_layers;
  guint       layers_cap;
  float      *dense_w;
  gsize       dense_w_cap;
  float      *dense_state;
  gsize       dense_state_len;
  gsize       dense_state_cap;
  float      *dense_buf;       /* two buffers of DENSE_CHUNK rows of dense_width */
  gsize       dense_buf_cap;
  guint       dense_width;
  guint       n_dense_connections;

  guint64  connection_evaluations;   /* for throughput figures */
};

MdkNetwork *
mdk_network_new (void)
{
  return g_new0 (MdkNetwork, 1);
}

void
mdk_network_free (MdkNetwork *net)
{
  if (net == NULL)
    return;
  g_free (net->activation);
  g_free (net->bias);
  g_free (net->edges);
  g_free (net->ops);
  g_free (net->src);
  g_free (net->weight);
  g_free (net->values);
  g_free (net->order);
  g_free (net->indegree);
  g_free (net->heap);
  g_free (net->offsets);
  g_free (net->out_offsets);
  g_free (net->out_dst);
  g_free (net->scratch);
  g_free (net->batch);
  g_free (net->index_map);
  g_free (net->layers);
  g_free (net->dense_w);
  g_free (net->dense_state);
  g_free (net->dense_buf);
  g_free (net);
}

void
mdk_network_begin (MdkNetwork *net,
                   guint       n_inputs,
                   guint       n_outputs,
                   guint       n_nodes)
{
  g_return_if_fail (n_nodes >= n_inputs + 1 + n_outputs);

  net->n_inputs = n_inputs;
  net->n_outputs = n_outputs;
  net->n_nodes = n_nodes;
  net->n_edges = 0;
  net->recurrent = FALSE;
  net->n_ops = 0;
  net->dense = FALSE;

  if (n_nodes > net->nodes_cap)
    {
      gsize cap = MAX (n_nodes, net->nodes_cap * 2);
      net->activation = g_renew (guint8, net->activation, cap);
      net->bias = g_renew (double, net->bias, cap);
      net->ops = g_renew (NetOp, net->ops, cap);
      net->values = g_renew (double, net->values, cap);
      net->order = g_renew (guint32, net->order, cap);
      net->indegree = g_renew (guint32, net->indegree, cap);
      net->heap = g_renew (guint32, net->heap, cap);
      net->offsets = g_renew (guint32, net->offsets, cap + 1);
      net->out_offsets = g_renew (guint32, net->out_offsets, cap + 1);
      net->nodes_cap = cap;
    }
  memset (net->activation, MDK_ACTIVATION_IDENTITY, n_nodes);
  memset (net->bias, 0, sizeof (double) * n_nodes);
}

void
mdk_network_set_node (MdkNetwork    *net,
                      guint          index,
                      MdkActivation  activation,
                      double         bias)
{
  g_return_if_fail (index < net->n_nodes);
  net->activation[index] = activation;
  net->bias[index] = bias;
}

void
mdk_network_add_connection (MdkNetwork *net,
                            guint       src,
                            guint       dst,
                            double      weight)
{
  g_return_if_fail (src < net->n_nodes && dst < net->n_nodes);
  /* Inputs and the bias are set from outside, never computed. */
  g_return_if_fail (dst > net->n_inputs);

  if (net->n_edges == net->edges_cap)
    {
      net->edges_cap = MAX (16, net->edges_cap * 2);
      net->edges = g_renew (EdgeIn, net->edges, net->edges_cap);
    }
  net->edges[net->n_edges++] = (EdgeIn) { src, dst, weight };
}

MdkNetworkEdge *
mdk_network_reserve_connections (MdkNetwork *net,
                                 guint       n_max)
{
  if (net->n_edges + n_max > net->edges_cap)
    {
      net->edges_cap = MAX (net->n_edges + n_max, net->edges_cap * 2);
      net->edges = g_renew (EdgeIn, net->edges, net->edges_cap);
    }
  return net->edges + net->n_edges;
}

void
mdk_network_commit_connections (MdkNetwork *net,
                                guint       n)
{
  gboolean ok = TRUE;

  g_return_if_fail (net->n_edges + n <= net->edges_cap);
  /* One branch for the whole batch: this runs for every genome. */
  for (guint e = net->n_edges; e < net->n_edges + n; e++)
    ok &= net->edges[e].src < net->n_nodes && net->edges[e].dst < net->n_nodes &&
          net->edges[e].dst > net->n_inputs;
  g_return_if_fail (ok);
  net->n_edges += n;
}

/* Bulk form of set_node for decoders: the activation and bias arrays, one
 * entry per node index. */
void
mdk_network_get_node_arrays (MdkNetwork  *net,
                             guint8     **activation,
                             double     **bias)
{
  *activation = net->activation;
  *bias = net->bias;
}

/* Min-heap of node indices: Kahn's algorithm always takes the lowest ready
 * index, which makes the order (and so recurrent semantics) canonical. */
static void
heap_push (guint32 *heap,
           guint   *n,
           guint32  v)
{
  guint i = (*n)++;

  while (i > 0)
    {
      guint p = (i - 1) / 2;
      if (heap[p] <= v)
        break;
      heap[i] = heap[p];
      i = p;
    }
  heap[i] = v;
}

static guint32
heap_pop (guint32 *heap,
          guint   *n)
{
  guint32 top = heap[0];
  guint32 v = heap[--(*n)];
  guint i = 0;

  for (;;)
    {
      guint c = 2 * i + 1;
      if (c >= *n)
        break;
      if (c + 1 < *n && heap[c + 1] < heap[c])
        c++;
      if (v <= heap[c])
        break;
      heap[i] = heap[c];
      i = c;
    }
  if (*n > 0)
    heap[i] = v;
  return top;
}

void
mdk_network_compile (MdkNetwork *net)
{
  const guint first = net->n_inputs + 1;
  const guint n = net->n_nodes;
  const guint n_edges = net->n_edges;
  guint n_heap = 0, n_done = 0, scan = first;
  gboolean recurrent = FALSE;
  const EdgeIn *edges;
  guint32 *indeg, *offsets, *out_offsets, *order, *heap, *src, *out_dst;
  double *weight;

  /* src, weight and out_dst share one capacity; they only ever grow. */
  if (n_edges > net->out_cap || net->out_dst == NULL)
    {
      net->out_cap = MAX (MAX (n_edges, 16), net->out_cap * 2);
      net->out_dst = g_renew (guint32, net->out_dst, net->out_cap);
      net->src = g_renew (guint32, net->src, net->out_cap);
      net->weight = g_renew (double, net->weight, net->out_cap);
    }
  /* Locals, so the compiler need not reload them after every store. */
  edges = net->edges;
  indeg = net->indegree;
  offsets = net->offsets;
  out_offsets = net->out_offsets;
  order = net->order;
  heap = net->heap;
  src = net->src;
  out_dst = net->out_dst;
  weight = net->weight;

  /* Incoming edges grouped by destination (counting sort, stable), and the
   * in-degree of each node ignoring self-loops and inputs. */
  memset (offsets, 0, sizeof (guint32) * (n + 1));
  memset (out_offsets, 0, sizeof (guint32) * (n + 1));
  memset (indeg, 0, sizeof (guint32) * n);
  gboolean layered = TRUE;   /* every edge leaves an input or the bias */

  for (guint e = 0; e < n_edges; e++)
    {
      guint32 s = edges[e].src, d = edges[e].dst;
      offsets[d + 1]++;
      out_offsets[s + 1]++;
      if (s == d)
        recurrent = TRUE;
      else if (s >= first)
        indeg[d]++;
      if (s >= first)
        layered = FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      offsets[i + 1] += offsets[i];
      out_offsets[i + 1] += out_offsets[i];
    }

  /* Fill src/weight by destination and out_dst by source; `order` and
   * `heap` are borrowed as cursors before they are used for real. */
  memcpy (order, offsets, sizeof (guint32) * n);
  memcpy (heap, out_offsets, sizeof (guint32) * n);
  for (guint e = 0; e < n_edges; e++)
    {
      guint32 s = edges[e].src, d = edges[e].dst;
      guint32 slot = order[d]++;
      src[slot] = s;
      weight[slot] = edges[e].weight;
      out_dst[heap[s]++] = d;
    }

  /* Kahn's algorithm over computed nodes; when stuck on a cycle, the lowest
   * remaining index goes next and its recurrent inputs read old values.
   * indeg[v] == G_MAXUINT32 marks an emitted node.  When every edge leaves
   * an input or the bias (a start genome), Kahn's order is index order. */
  if (layered)
    for (guint i = first; i < n; i++)
      order[n_done++] = i;
  else
    for (guint i = first; i < n; i++)
      if (indeg[i] == 0)
        heap_push (heap, &n_heap, i);

  while (n_done < n - first)
    {
      guint32 v;

      if (n_heap > 0)
        v = heap_pop (heap, &n_heap);
      else
        {
          while (indeg[scan] == G_MAXUINT32)
            scan++;
          v = scan;
          recurrent = TRUE;
        }
      indeg[v] = G_MAXUINT32;
      order[n_done++] = v;

      for (guint32 e = out_offsets[v]; e < out_offsets[v + 1]; e++)
        {
          guint32 d = out_dst[e];
          if (d != v && indeg[d] != G_MAXUINT32 && --indeg[d] == 0)
            heap_push (heap, &n_heap, d);
        }
    }

  net->recurrent = recurrent;
  net->n_ops = n - first;
  for (guint k = 0; k < net->n_ops; k++)
    {
      guint32 v = order[k];
      net->ops[k] = (NetOp) {
        .node = v,
        .first = offsets[v],
        .last = offsets[v + 1],
        .activation = net->activation[v],
        .bias = net->bias[v],
      };
    }

  mdk_network_reset (net);
}

guint
mdk_network_get_n_inputs (const MdkNetwork *net)
{
  return net->n_inputs;
}

guint
mdk_network_get_n_outputs (const MdkNetwork *net)
{
  return net->n_outputs;
}

guint
mdk_network_get_n_nodes (const MdkNetwork *net)
{
  return net->n_nodes;
}

guint
mdk_network_get_n_hidden (const MdkNetwork *net)
{
  return net->n_nodes - net->n_inputs - 1 - net->n_outputs;
}

guint
mdk_network_get_n_connections (const MdkNetwork *net)
{
  return net->dense ? net->n_dense_connections : net->n_edges;
}

gboolean
mdk_network_is_dense (const MdkNetwork *net)
{
  return net->dense;
}

gboolean
mdk_network_is_recurrent (const MdkNetwork *net)
{
  return net->recurrent;
}

void
mdk_network_reset (MdkNetwork *net)
{
  memset (net->values, 0, sizeof (double) * net->n_nodes);
  net->values[net->n_inputs] = 1.0;
  if (net->dense && net->dense_state_len > 0)
    memset (net->dense_state, 0, sizeof (float) * net->dense_state_len);
}

/* Σ values[src[c]]·weight[c] over [first, last), with four accumulators so
 * that the additions do not wait on each other. */
static inline double
weighted_sum (const double  *values,
              const guint32 *src,
              const double  *weight,
              guint32        first,
              guint32        last)
{
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  guint32 c = first;

  if (last - first < 4)
    {
      for (; c < last; c++)
        s0 += values[src[c]] * weight[c];
      return s0;
    }
  for (; c + 4 <= last; c += 4)
    {
      s0 += values[src[c]] * weight[c];
      s1 += values[src[c + 1]] * weight[c + 1];
      s2 += values[src[c + 2]] * weight[c + 2];
      s3 += values[src[c + 3]] * weight[c + 3];
    }
  for (; c < last; c++)
    s0 += values[src[c]] * weight[c];
  return (s0 + s1) + (s2 + s3);
}

/* The switch outside the loop: one branch per node (or layer), not per
 * row; the same body for double and float arrays. */
#define ACTIVATION_CASE(act, x, n) \
    case act: \
      for (gsize r_ = 0; r_ < (n); r_++) \
        (x)[r_] = mdk_activation_apply_inline (act, (x)[r_]); \
      break;
#define APPLY_ACTIVATION(activation, x, n) \
  switch (activation) \
    { \
    ACTIVATION_CASE (MDK_ACTIVATION_NEAT_SIGMOID, x, n) \
    ACTIVATION_CASE (MDK_ACTIVATION_SIGMOID, x, n) \
    ACTIVATION_CASE (MDK_ACTIVATION_TANH, x, n) \
    ACTIVATION_CASE (MDK_ACTIVATION_RELU, x, n) \
    ACTIVATION_CASE (MDK_ACTIVATION_GAUSSIAN, x, n) \
    ACTIVATION_CASE (MDK_ACTIVATION_SINE, x, n) \
    ACTIVATION_CASE (MDK_ACTIVATION_ABS, x, n) \
    ACTIVATION_CASE (MDK_ACTIVATION_IDENTITY, x, n) \
    ACTIVATION_CASE (MDK_ACTIVATION_STEP, x, n) \
    ACTIVATION_CASE (MDK_ACTIVATION_SQUARE, x, n) \
    case MDK_N_ACTIVATIONS: \
    default: \
      break; \
    }

static void
apply_activation_array (MdkActivation  activation,
                        double        *x,
                        guint          n)
{
  APPLY_ACTIVATION (activation, x, n);
}

static void
apply_activation_floats (MdkActivation  activation,
                         float         *x,
                         gsize          n)
{
  APPLY_ACTIVATION (activation, x, n);
}

/* Dense layers */

/* Genomes run in parallel on the evaluator's threads; OpenBLAS's own threads
 * would only compete with them (shared/PLATFORM.md, section 5), and a fixed
 * thread count keeps its results the same on every run. */
void
mdk_blas_use_one_thread (void)
{
  static gsize pinned = 0;

  if (g_once_init_enter (&pinned))
    {
      openblas_set_num_threads (1);
      g_once_init_leave (&pinned, 1);
    }
}

gsize
mdk_network_layers_n_params (guint                  n_inputs,
                             const MdkNetworkLayer *layers,
                             guint                  n_layers)
{
  gsize n = 0;
  guint n_in = n_inputs;

  for (guint l = 0; l < n_layers; l++)
    {
      gsize out = layers[l].n_out;
      n += out * n_in + (layers[l].bias ? out : 0) + (layers[l].recurrent ? out * out : 0);
      n_in = layers[l].n_out;
    }
  return n;
}

/* @params holds, layer by layer, the weights into each unit (n_out rows of
 * n_in), then the n_out biases if the layer has them, then the recurrent
 * weights (n_out rows of n_out) if it is recurrent.  The last layer's units
 * are the outputs.  Node indices follow the graph convention (inputs, bias,
 * outputs, then hidden layer by layer), for the shape queries. */
void
mdk_network_begin_layers (MdkNetwork            *net,
                          guint                  n_inputs,
                          const MdkNetworkLayer *layers,
                          guint                  n_layers,
                          const double          *params)
{
  gsize n_params = mdk_network_layers_n_params (n_inputs, layers, n_layers);
  guint n_outputs, n_hidden = 0, n_in = n_inputs, width = n_inputs, node;
  gsize offset = 0, state = 0;
  guint8 *activation;
  double *bias;

  g_return_if_fail (n_layers > 0);

  n_outputs = layers[n_layers - 1].n_out;
  for (guint l = 0; l + 1 < n_layers; l++)
    n_hidden += layers[l].n_out;
  mdk_network_begin (net, n_inputs, n_outputs, n_inputs + 1 + n_outputs + n_hidden);

  if (n_layers > net->layers_cap)
    {
      net->layers_cap = MAX (n_layers, net->layers_cap * 2);
      net->layers = g_renew (DenseLayer, net->layers, net->layers_cap);
    }
  if (n_params > net->dense_w_cap)
    {
      net->dense_w_cap = MAX (n_params, net->dense_w_cap * 2);
      g_free (net->dense_w);
      net->dense_w = g_new (float, net->dense_w_cap);
    }
  for (gsize i = 0; i < n_params; i++)
    net->dense_w[i] = (float) params[i];

  mdk_network_get_node_arrays (net, &activation, &bias);
  net->n_dense_connections = 0;
  node = n_inputs + 1 + n_outputs;
  for (guint l = 0; l < n_layers; l++)
    {
      const MdkNetworkLayer *in = &layers[l];
      DenseLayer *d = &net->layers[l];
      gboolean last = l + 1 == n_layers;

      d->n_in = n_in;
      d->n_out = in->n_out;
      d->activation = in->activation;
      d->bias = in->bias;
      d->recurrent = in->recurrent;
      d->w = offset;
      offset += (gsize) in->n_out * n_in;
      d->b = offset;
      offset += in->bias ? in->n_out : 0;
      d->u = offset;
      offset += in->recurrent ? (gsize) in->n_out * in->n_out : 0;
      d->state = state;
      state += in->recurrent ? in->n_out : 0;
      net->n_dense_connections += in->n_out * n_in + (in->recurrent ? in->n_out * in->n_out : 0);
      net->recurrent |= in->recurrent;
      memset (activation + (last ? n_inputs + 1 : node), in->activation, in->n_out);
      if (!last)
        node += in->n_out;
      n_in = in->n_out;
      width = MAX (width, in->n_out);
    }
  net->n_layers = n_layers;
  net->dense_width = width;
  net->dense = TRUE;

  if (state > net->dense_state_cap)
    {
      net->dense_state_cap = MAX (state, net->dense_state_cap * 2);
      g_free (net->dense_state);
      net->dense_state = g_new (float, net->dense_state_cap);
    }
  net->dense_state_len = state;
  if ((gsize) 2 * DENSE_CHUNK * width > net->dense_buf_cap)
    {
      net->dense_buf_cap = (gsize) 2 * DENSE_CHUNK * width;
      g_free (net->dense_buf);
      net->dense_buf = g_new (float, net->dense_buf_cap);
    }
  mdk_network_reset (net);
}

/* One step: a matrix-vector product per layer (cblas_sgemv), plus one with
 * the layer's last outputs for a recurrent layer. */
static void
dense_activate (MdkNetwork   *net,
                const double *inputs,
                double       *outputs)
{
  float *a = net->dense_buf, *b = a + net->dense_width, *t;

  for (guint i = 0; i < net->n_inputs; i++)
    a[i] = (float) inputs[i];
  for (guint l = 0; l < net->n_layers; l++)
    {
      const DenseLayer *d = &net->layers[l];
      const float *w = net->dense_w;

      if (d->bias)
        memcpy (b, w + d->b, sizeof (float) * d->n_out);
      else
        memset (b, 0, sizeof (float) * d->n_out);
      cblas_sgemv (CblasRowMajor, CblasNoTrans, d->n_out, d->n_in, 1.0f, w + d->w, d->n_in,
                   a, 1, 1.0f, b, 1);
      if (d->recurrent)
        cblas_sgemv (CblasRowMajor, CblasNoTrans, d->n_out, d->n_out, 1.0f, w + d->u, d->n_out,
                     net->dense_state + d->state, 1, 1.0f, b, 1);
      apply_activation_floats (d->activation, b, d->n_out);
      if (d->recurrent)
        memcpy (net->dense_state + d->state, b, sizeof (float) * d->n_out);
      t = a;
      a = b;
      b = t;
    }
  if (outputs != NULL)
    for (guint o = 0; o < net->n_outputs; o++)
      outputs[o] = a[o];
  net->connection_evaluations += net->n_dense_connections;
}

/* Many independent rows, each from a reset state (so a recurrent layer's
 * own term is zero): a matrix product per layer over a chunk of rows
 * (cblas_sgemm), biases preloaded into the result. */
static void
dense_activate_rows (MdkNetwork   *net,
                     const double *inputs,
                     guint         n_rows,
                     double       *outputs)
{
  const guint n_in = net->n_inputs, n_out = net->n_outputs;
  guint64 per_row = 0;

  for (guint l = 0; l < net->n_layers; l++)
    per_row += (guint64) net->layers[l].n_in * net->layers[l].n_out;

  for (guint r0 = 0; r0 < n_rows; r0 += DENSE_CHUNK)
    {
      guint m = MIN (DENSE_CHUNK, n_rows - r0);
      float *a = net->dense_buf, *b = a + (gsize) DENSE_CHUNK * net->dense_width, *t;

      for (gsize i = 0; i < (gsize) m * n_in; i++)
        a[i] = (float) inputs[(gsize) r0 * n_in + i];
      for (guint l = 0; l < net->n_layers; l++)
        {
          const DenseLayer *d = &net->layers[l];
          const float *w = net->dense_w;

          if (d->bias)
            for (guint r = 0; r < m; r++)
              memcpy (b + (gsize) r * d->n_out, w + d->b, sizeof (float) * d->n_out);
          cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, m, d->n_out, d->n_in,
                       1.0f, a, d->n_in, w + d->w, d->n_in, d->bias ? 1.0f : 0.0f, b, d->n_out);
          apply_activation_floats (d->activation, b, (gsize) m * d->n_out);
          t = a;
          a = b;
          b = t;
        }
      for (gsize i = 0; i < (gsize) m * n_out; i++)
        outputs[(gsize) r0 * n_out + i] = a[i];
    }
  net->connection_evaluations += per_row * n_rows;
}

void
mdk_network_activate (MdkNetwork   *net,
                      const double *inputs,
                      double       *outputs)
{
  double *values = net->values;
  const guint32 *src = net->src;
  const double *weight = net->weight;
  const NetOp *ops = net->ops;
  const guint n_ops = net->n_ops;

  if (net->dense)
    {
      dense_activate (net, inputs, outputs);
      return;
    }
  for (guint i = 0; i < net->n_inputs; i++)
    values[i] = inputs[i];
  values[net->n_inputs] = 1.0;
  net->connection_evaluations += net->n_edges;

  for (guint k = 0; k < n_ops; k++)
    {
      const NetOp *op = &ops[k];
      double sum = op->bias + weighted_sum (values, src, weight, op->first, op->last);

      values[op->node] = mdk_activation_apply_inline (op->activation, sum);
    }

  if (outputs != NULL)
    for (guint o = 0; o < net->n_outputs; o++)
      outputs[o] = values[net->n_inputs + 1 + o];
}

/* A feed-forward network over many rows at once, node by node: each node's
 * incoming connections and activation are decoded once for all rows.  The
 * sums are grouped exactly as weighted_sum () groups them, so every row's
 * result is bit-identical to mdk_network_activate () on that row. */
static void
activate_rows (MdkNetwork   *net,
               const double *inputs,
               guint         n_rows,
               double       *outputs)
{
  const guint n_in = net->n_inputs, n_out = net->n_outputs;
  gsize need = (gsize) (net->n_nodes + 4) * n_rows;
  double *v, *acc;

  if (need > net->batch_cap)
    {
      net->batch_cap = MAX (need, net->batch_cap * 2);
      g_free (net->batch);
      net->batch = g_new (double, net->batch_cap);
    }
  v = net->batch;
  acc = v + (gsize) net->n_nodes * n_rows;

  for (guint i = 0; i < n_in; i++)
    for (guint r = 0; r < n_rows; r++)
      v[(gsize) i * n_rows + r] = inputs[(gsize) r * n_in + i];
  for (guint r = 0; r < n_rows; r++)
    v[(gsize) n_in * n_rows + r] = 1.0;

  for (guint k = 0; k < net->n_ops; k++)
    {
      const NetOp *op = &net->ops[k];
      double *dst = v + (gsize) op->node * n_rows;
      guint degree = op->last - op->first;
      guint blocked = degree < 4 ? 0 : degree / 4 * 4;

      for (guint a = 0; a < 4; a++)
        memset (acc + (gsize) a * n_rows, 0, sizeof (double) * n_rows);
      for (guint j = 0; j < degree; j++)
        {
          const double *in = v + (gsize) net->src[op->first + j] * n_rows;
          double w = net->weight[op->first + j];
          double *sum = acc + (gsize) (j < blocked ? j % 4 : 0) * n_rows;
          for (guint r = 0; r < n_rows; r++)
            sum[r] += in[r] * w;
        }
      if (blocked == 0)
        for (guint r = 0; r < n_rows; r++)
          dst[r] = op->bias + acc[r];
      else
        for (guint r = 0; r < n_rows; r++)
          dst[r] = op->bias + ((acc[r] + acc[n_rows + r]) + (acc[2 * n_rows + r] + acc[3 * n_rows + r]));
      apply_activation_array (op->activation, dst, n_rows);
    }

  for (guint o = 0; o < n_out; o++)
    for (guint r = 0; r < n_rows; r++)
      outputs[(gsize) r * n_out + o] = v[(gsize) (n_in + 1 + o) * n_rows + r];
  net->connection_evaluations += (guint64) net->n_edges * n_rows;
}

/* Rows are independent samples: a recurrent network starts each row from a
 * reset state. */
void
mdk_network_activate_batch (MdkNetwork   *net,
                            const double *inputs,
                            guint         n_rows,
                            double       *outputs)
{
  if (net->dense)
    {
      dense_activate_rows (net, inputs, n_rows, outputs);
      return;
    }
  /* Few rows (XOR has four) go faster one by one. */
  if (!net->recurrent && n_rows >= 8)
    {
      activate_rows (net, inputs, n_rows, outputs);
      return;
    }
  for (guint r = 0; r < n_rows; r++)
    {
      if (net->recurrent)
        mdk_network_reset (net);
      mdk_network_activate (net, inputs + (gsize) r * net->n_inputs,
                            outputs + (gsize) r * net->n_outputs);
    }
}

const double *
mdk_network_get_values (const MdkNetwork *net)
{
  return net->values;
}

const guint32 *
mdk_network_get_order (const MdkNetwork *net,
                       guint            *n_order)
{
  *n_order = net->n_ops;
  return net->order;
}

/* Per-network scratch space for tasks (each evaluator thread has its own
 * network, so this is thread-local in practice). */
double *
mdk_network_get_scratch (MdkNetwork *net,
                         gsize       n_doubles)
{
  if (n_doubles > net->scratch_cap)
    {
      net->scratch_cap = MAX (n_doubles, net->scratch_cap * 2);
      net->scratch = g_renew (double, net->scratch, net->scratch_cap);
    }
  return net->scratch;
}

guint64
mdk_network_get_connection_evaluations (const MdkNetwork *net)
{
  return net->connection_evaluations;
}

/* Scratch for decoders (e.g. a node id → index table); contents are not
 * kept between calls that grow it. */
guint32 *
mdk_network_get_index_map (MdkNetwork *net,
                           gsize       n)
{
  if (n > net->index_map_cap)
    {
      net->index_map_cap = MAX (n, net->index_map_cap * 2);
      g_free (net->index_map);
      net->index_map = g_new (guint32, net->index_map_cap);
    }
  return net->index_map;
}

/* The compiled program, for code that works on it directly (gradients):
 * the ops in evaluation order and, per connection slot, its source node and
 * weight.  Changing a weight or an op's bias changes what the network
 * computes from the next activation on. */
MdkNetworkOp *
mdk_network_get_program (MdkNetwork     *net,
                         guint          *n_ops,
                         const guint32 **src,
                         double        **weight)
{
  *n_ops = net->n_ops;
  *src = net->src;
  *weight = net->weight;
  return net->ops;
}

/* Where each connection the decoder added (in the order it added them)
 * landed in the compiled program: compile groups them by destination with
 * a stable counting sort, which `offsets` still describes. */
void
mdk_network_get_connection_slots (const MdkNetwork *net,
                                  guint32          *slots)
{
  g_autofree guint32 *cursor = g_memdup2 (net->offsets, sizeof (guint32) * net->n_nodes);

  for (guint e = 0; e < net->n_edges; e++)
    slots[e] = cursor[net->edges[e].dst]++;
}
