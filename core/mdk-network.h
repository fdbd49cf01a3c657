/* mdk-network.h: a compiled network (the phenome)
 *
 * Node indices: 0 … n_inputs-1 are the inputs, n_inputs is the bias node
 * (always 1), then the n_outputs outputs, then hidden nodes.  Decoders fill a
 * network with mdk_network_begin/set_node/add_connection and call
 * mdk_network_compile, which turns the graph into a flat program: nodes in
 * evaluation order, each with a contiguous array of incoming connections.
 *
 * Evaluation order is Kahn's topological order that always takes the lowest
 * ready index; when only cycles remain, the lowest remaining index goes next.
 * A node is updated in place, so a connection from a node earlier in the order
 * carries this step's value and one from a later node (a recurrent link)
 * carries the previous step's value.  An acyclic network is therefore fully
 * evaluated by one activate; a recurrent one advances one step per activate and
 * keeps its state until mdk_network_reset.
 *
 * A network is reused across genomes (buffers only grow), which is why each
 * evaluator thread owns one.
 *
 * A layered network (a fixed-topology MLP) can instead be given as dense
 * layers with mdk_network_begin_layers: it then runs through OpenBLAS in
 * single precision, cblas_sgemv per activate and cblas_sgemm over the rows of
 * activate_batch.  Its outputs are not bit-identical to the graph form of the
 * same network (single precision, other summation order), but they are the
 * same on every run and every thread.  get_values and get_order describe the
 * graph form only.
 */
#pragma once

#include <glib.h>

#include "mdk-activation.h"

G_BEGIN_DECLS

typedef struct _MdkNetwork MdkNetwork;

/* One step of a compiled network: node = activation (bias + Σ over its
 * incoming connection slots [first, last) of weight · value of source). */
typedef struct
{
  guint32 node;
  guint32 first;
  guint32 last;
  guint32 activation;   /* MdkActivation */
  double  bias;
} MdkNetworkOp;

MdkNetwork   *mdk_network_new              (void);
void          mdk_network_free             (MdkNetwork   *net);

void          mdk_network_begin            (MdkNetwork   *net,
                                            guint         n_inputs,
                                            guint         n_outputs,
                                            guint         n_nodes);
void          mdk_network_set_node         (MdkNetwork   *net,
                                            guint         index,
                                            MdkActivation activation,
                                            double        bias);
void          mdk_network_add_connection   (MdkNetwork   *net,
                                            guint         src,
                                            guint         dst,
                                            double        weight);
void          mdk_network_compile          (MdkNetwork   *net);

/* Bulk form of add_connection for decoders: write up to @n_max connections
 * into the returned arrays, then commit how many were written. */
typedef struct
{
  guint32 src;
  guint32 dst;
  double  weight;
} MdkNetworkEdge;

MdkNetworkEdge *mdk_network_reserve_connections (MdkNetwork *net,
                                                 guint       n_max);
void          mdk_network_commit_connections (MdkNetwork   *net,
                                              guint         n);
void          mdk_network_get_node_arrays  (MdkNetwork   *net,
                                            guint8      **activation,
                                            double      **bias);

/* One dense layer: n_out units, each computing
 * activation (bias + Σ weight · input [+ Σ weight · own previous output]). */
typedef struct
{
  guint         n_out;
  MdkActivation activation;
  gboolean      bias;
  gboolean      recurrent;     /* Elman: the layer also sees its own last outputs */
} MdkNetworkLayer;

gsize         mdk_network_layers_n_params  (guint                  n_inputs,
                                            const MdkNetworkLayer *layers,
                                            guint                  n_layers);
void          mdk_network_begin_layers     (MdkNetwork            *net,
                                            guint                  n_inputs,
                                            const MdkNetworkLayer *layers,
                                            guint                  n_layers,
                                            const double          *params);
gboolean      mdk_network_is_dense         (const MdkNetwork *net);
void          mdk_blas_use_one_thread      (void);

guint         mdk_network_get_n_inputs     (const MdkNetwork *net);
guint         mdk_network_get_n_outputs    (const MdkNetwork *net);
guint         mdk_network_get_n_nodes      (const MdkNetwork *net);
guint         mdk_network_get_n_hidden     (const MdkNetwork *net);
guint         mdk_network_get_n_connections (const MdkNetwork *net);
gboolean      mdk_network_is_recurrent     (const MdkNetwork *net);

void          mdk_network_reset            (MdkNetwork   *net);
void          mdk_network_activate         (MdkNetwork   *net,
                                            const double *inputs,
                                            double       *outputs);
void          mdk_network_activate_batch   (MdkNetwork   *net,
                                            const double *inputs,
                                            guint         n_rows,
                                            double       *outputs);
const double *mdk_network_get_values       (const MdkNetwork *net);
const guint32 *mdk_network_get_order       (const MdkNetwork *net,
                                            guint        *n_order);
guint64       mdk_network_get_connection_evaluations (const MdkNetwork *net);
guint32      *mdk_network_get_index_map    (MdkNetwork   *net,
                                            gsize         n);
double       *mdk_network_get_scratch      (MdkNetwork   *net,
                                            gsize         n_doubles);
MdkNetworkOp *mdk_network_get_program      (MdkNetwork   *net,
                                            guint        *n_ops,
                                            const guint32 **src,
                                            double      **weight);
void          mdk_network_get_connection_slots (const MdkNetwork *net,
                                            guint32      *slots);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkNetwork, mdk_network_free)

G_END_DECLS
