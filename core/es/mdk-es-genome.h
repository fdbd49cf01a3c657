/* mdk-es-genome.h: a genome of the evolution strategies
 *
 * A flat parameter vector and the shape that gives it meaning (an MdkMlp,
 * shared), plus what the lineage view knows of it.  As a document
 * (docs/formats.md) it is a genome of kind "mlp".
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "mdk-mlp.h"
#include "mdk-optimizer.h"

G_BEGIN_DECLS

typedef struct
{
  guint64  id;
  guint64  parent1;        /* 0: none */
  guint64  parent2;
  guint32  generation;     /* born in */
  guint8   origin;         /* MdkNeatOrigin or MDK_GENOME_ORIGIN_SAMPLED */
  gboolean fitness_valid;
  double   fitness;
  MdkMlp  *mlp;
  double  *params;         /* mlp->n_params */
} MdkEsGenome;

MdkEsGenome *mdk_es_genome_new        (MdkMlp             *mlp);
MdkEsGenome *mdk_es_genome_copy       (const MdkEsGenome  *genome);
void         mdk_es_genome_free       (MdkEsGenome        *genome);

JsonNode    *mdk_es_genome_to_json    (const MdkEsGenome  *genome);
MdkEsGenome *mdk_es_genome_from_json  (JsonNode           *node,
                                       GError            **error);
void         mdk_es_genome_describe   (const MdkEsGenome  *genome,
                                       MdkGenomeInfo      *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkEsGenome, mdk_es_genome_free)

G_END_DECLS
