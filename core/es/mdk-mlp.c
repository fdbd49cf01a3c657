#define G_LOG_DOMAIN "medaka-es"

#include "config.h"

#include "mdk-mlp.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mdk-run-state.h"

G_DEFINE_QUARK (mdk-mlp-error-quark, mdk_mlp_error)

MdkMlp *
mdk_mlp_new (guint                  n_inputs,
             const MdkNetworkLayer *layers,
             guint                  n_layers)
{
  MdkMlp *mlp;

  g_return_val_if_fail (n_layers > 0 && n_layers <= MDK_MLP_MAX_LAYERS + 1, NULL);

  mlp = g_new0 (MdkMlp, 1);
  mlp->ref_count = 1;
  mlp->n_inputs = n_inputs;
  mlp->n_outputs = layers[n_layers - 1].n_out;
  mlp->n_layers = n_layers;
  mlp->layers = g_memdup2 (layers, sizeof (MdkNetworkLayer) * n_layers);
  mlp->n_params = mdk_network_layers_n_params (n_inputs, layers, n_layers);
  for (guint l = 0, n_in = n_inputs; l < n_layers; n_in = layers[l].n_out, l++)
    {
      if (l + 1 < n_layers)
        mlp->n_hidden += layers[l].n_out;
      mlp->n_connections += layers[l].n_out * n_in +
                            (layers[l].recurrent ? layers[l].n_out * layers[l].n_out : 0);
    }
  return mlp;
}

/* From the parameters of an evolution strategy: @hidden_layers is a list
 * of sizes separated by commas ("" for none), @hidden_activations one
 * activation id for every hidden layer or one per layer.  Errors name the
 * parameter. */
MdkMlp *
mdk_mlp_parse (guint          n_inputs,
               guint          n_outputs,
               const char    *hidden_layers,
               const char    *hidden_activations,
               MdkActivation  output_activation,
               gboolean       biases,
               gboolean       recurrent,
               GError       **error)
{
  g_auto(GStrv) sizes = NULL, acts = NULL;
  g_autofree char *list = g_strstrip (g_strdup (hidden_layers != NULL ? hidden_layers : ""));
  MdkNetworkLayer layers[MDK_MLP_MAX_LAYERS + 1];
  guint n_hidden = 0, n_acts;

  g_return_val_if_fail (n_inputs > 0 && n_outputs > 0, NULL);

  if (*list != '\0')
    {
      sizes = g_strsplit (list, ",", -1);
      n_hidden = g_strv_length (sizes);
    }
  if (n_hidden > MDK_MLP_MAX_LAYERS)
    {
      g_set_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID,
                   _("Parameter “%s” lists %u layers; at most %u are allowed"),
                   "hidden_layers", n_hidden, MDK_MLP_MAX_LAYERS);
      return NULL;
    }
  acts = g_strsplit (hidden_activations != NULL ? hidden_activations : "", ",", -1);
  n_acts = g_strv_length (acts);
  if (n_hidden > 0 && n_acts != 1 && n_acts != n_hidden)
    {
      g_set_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID,
                   _("Parameter “%s” must name one activation, or one for each of the %u hidden layers"),
                   "hidden_activations", n_hidden);
      return NULL;
    }

  for (guint l = 0; l < n_hidden; l++)
    {
      const char *size = g_strstrip (sizes[l]);
      const char *act = g_strstrip (acts[n_acts == 1 ? 0 : l]);
      guint64 units;

      if (!g_ascii_string_to_unsigned (size, 10, 1, MDK_MLP_MAX_UNITS, &units, NULL))
        {
          g_set_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID,
                       _("Parameter “%s”: “%s” is not a layer size from 1 to %u"),
                       "hidden_layers", size, MDK_MLP_MAX_UNITS);
          return NULL;
        }
      layers[l] = (MdkNetworkLayer) { .n_out = units, .bias = biases, .recurrent = recurrent && l == 0 };
      if (!mdk_activation_from_id (act, &layers[l].activation))
        {
          g_set_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID,
                       _("Parameter “%s”: unknown activation “%s”"), "hidden_activations", act);
          return NULL;
        }
    }
  if (recurrent && n_hidden == 0)
    {
      g_set_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID,
                   _("A recurrent (Elman) network needs at least one hidden layer"));
      return NULL;
    }
  layers[n_hidden] = (MdkNetworkLayer) {
    .n_out = n_outputs,
    .activation = output_activation,
    .bias = biases,
  };
  return mdk_mlp_new (n_inputs, layers, n_hidden + 1);
}

MdkMlp *
mdk_mlp_ref (MdkMlp *mlp)
{
  g_atomic_int_inc (&mlp->ref_count);
  return mlp;
}

void
mdk_mlp_unref (MdkMlp *mlp)
{
  if (mlp != NULL && g_atomic_int_dec_and_test (&mlp->ref_count))
    {
      g_free (mlp->layers);
      g_free (mlp);
    }
}

gboolean
mdk_mlp_equal (const MdkMlp *a,
               const MdkMlp *b)
{
  if (a->n_inputs != b->n_inputs || a->n_layers != b->n_layers)
    return FALSE;
  for (guint l = 0; l < a->n_layers; l++)
    if (a->layers[l].n_out != b->layers[l].n_out ||
        a->layers[l].activation != b->layers[l].activation ||
        !a->layers[l].bias != !b->layers[l].bias ||
        !a->layers[l].recurrent != !b->layers[l].recurrent)
      return FALSE;
  return TRUE;
}

void
mdk_mlp_decode (const MdkMlp *mlp,
                const double *params,
                MdkNetwork   *net)
{
  mdk_network_begin_layers (net, mlp->n_inputs, mlp->layers, mlp->n_layers, params);
}

/* The same network as a NEAT graph, for the views that draw graphs: node ids
 * follow the network's indices (inputs, bias, outputs, hidden layer by
 * layer), connections are numbered in parameter order.  The bias node stays
 * unconnected: biases are node biases.  An Elman layer's recurrent weights
 * become connections between its units (the graph form updates them in
 * place, so it is only a picture of the Elman network, not its semantics). */
MdkNeatGenome *
mdk_mlp_to_neat_genome (const MdkMlp *mlp,
                        const double *params)
{
  MdkNeatGenome *g = mdk_neat_genome_new (mlp->n_inputs, mlp->n_outputs);
  guint32 prev_first = 0, prev_n = mlp->n_inputs, next_hidden = mlp->n_inputs + 1 + mlp->n_outputs;
  guint32 innovation = 1;
  gsize k = 0;

  for (guint l = 0; l < mlp->n_layers; l++)
    {
      const MdkNetworkLayer *layer = &mlp->layers[l];
      gboolean last = l + 1 == mlp->n_layers;
      guint32 first = last ? mlp->n_inputs + 1 : next_hidden;

      for (guint j = 0; j < layer->n_out; j++)
        {
          if (last)
            g->nodes[first + j].activation = layer->activation;
          else
            mdk_neat_genome_insert_node (g, first + j, MDK_NEAT_NODE_HIDDEN, layer->activation, 0.0);
        }
      for (guint j = 0; j < layer->n_out; j++)
        for (guint i = 0; i < prev_n; i++)
          mdk_neat_genome_insert_conn (g, prev_first + i, first + j, innovation++, params[k++], TRUE);
      for (guint j = 0; j < layer->n_out && layer->bias; j++)
        g->nodes[mdk_neat_genome_find_node (g, first + j)].bias = params[k++];
      for (guint j = 0; j < layer->n_out && layer->recurrent; j++)
        for (guint i = 0; i < layer->n_out; i++)
          mdk_neat_genome_insert_conn (g, first + i, first + j, innovation++, params[k++], TRUE);
      if (!last)
        next_hidden += layer->n_out;
      prev_first = first;
      prev_n = layer->n_out;
    }
  return g;
}

/* The "layers" member of a genome document: the hidden layers, then the
 * output layer. */
void
mdk_mlp_add_to_json (const MdkMlp *mlp,
                     JsonBuilder  *b)
{
  json_builder_set_member_name (b, "layers");
  json_builder_begin_array (b);
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "units");
      json_builder_add_int_value (b, mlp->layers[l].n_out);
      json_builder_set_member_name (b, "activation");
      json_builder_add_string_value (b, mdk_activation_to_id (mlp->layers[l].activation));
      json_builder_set_member_name (b, "bias");
      json_builder_add_boolean_value (b, mlp->layers[l].bias);
      json_builder_set_member_name (b, "recurrent");
      json_builder_add_boolean_value (b, mlp->layers[l].recurrent);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* A whole number in [lo, hi], named by @where on error. */
static gboolean
member_uint (JsonObject  *obj,
             const char  *member,
             const char  *where,
             guint        lo,
             guint        hi,
             guint       *value,
             GError     **error)
{
  guint64 v;

  if (!mdk_run_state_get_uint (obj, member, where, hi, &v, error))
    return FALSE;
  if (v < lo)
    {
      g_set_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID,
                   _("%s: “%s” must be a whole number from %u to %u"), where, member, lo, hi);
      return FALSE;
    }
  *value = v;
  return TRUE;
}

/* The shape of a genome document: "inputs", "outputs" and "layers". */
MdkMlp *
mdk_mlp_from_json (JsonObject  *genome,
                   GError     **error)
{
  MdkNetworkLayer layers[MDK_MLP_MAX_LAYERS + 1];
  guint n_inputs, n_outputs, n_layers;
  JsonNode *m = json_object_get_member (genome, "layers");
  JsonArray *arr;

  if (!member_uint (genome, "inputs", "genome", 1, MDK_MLP_MAX_UNITS, &n_inputs, error) ||
      !member_uint (genome, "outputs", "genome", 1, MDK_MLP_MAX_UNITS, &n_outputs, error))
    return NULL;
  if (m == NULL || !JSON_NODE_HOLDS_ARRAY (m) || json_array_get_length (json_node_get_array (m)) == 0 ||
      json_array_get_length (json_node_get_array (m)) > MDK_MLP_MAX_LAYERS + 1)
    {
      g_set_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID,
                   _("genome: “layers” must be an array of 1 to %u layers"), MDK_MLP_MAX_LAYERS + 1);
      return NULL;
    }
  arr = json_node_get_array (m);
  n_layers = json_array_get_length (arr);
  for (guint l = 0; l < n_layers; l++)
    {
      g_autofree char *where = g_strdup_printf ("layers[%u]", l);
      JsonNode *el = json_array_get_element (arr, l);
      JsonObject *obj;
      const char *act;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        {
          g_set_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID, _("%s: must be an object"), where);
          return NULL;
        }
      obj = json_node_get_object (el);
      layers[l] = (MdkNetworkLayer) { 0 };
      if (!member_uint (obj, "units", where, 1, MDK_MLP_MAX_UNITS, &layers[l].n_out, error) ||
          !mdk_run_state_get_bool (obj, "bias", where, &layers[l].bias, error) ||
          !mdk_run_state_get_bool (obj, "recurrent", where, &layers[l].recurrent, error) ||
          (act = mdk_run_state_get_string (obj, "activation", where, error)) == NULL)
        return NULL;
      if (!mdk_activation_from_id (act, &layers[l].activation))
        {
          g_set_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID,
                       _("%s: “%s” must name an activation"), where, "activation");
          return NULL;
        }
    }
  if (layers[n_layers - 1].n_out != n_outputs)
    {
      g_set_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID,
                   _("genome: the last layer must have as many units as “outputs” (%u)"), n_outputs);
      return NULL;
    }
  return mdk_mlp_new (n_inputs, layers, n_layers);
}
