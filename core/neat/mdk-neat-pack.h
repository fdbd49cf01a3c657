/* mdk-neat-pack.h: many NEAT genomes as packed columns, for the run state
 *
 * A population of a thousand grown genomes is a quarter of a million
 * connections: as one JSON object each, saving and loading a project takes
 * seconds.  Packed, every field is one base64 member holding a
 * little-endian array (docs/formats.md, "Packed population"), so a project
 * saves and loads in a fraction of a second and numbers round-trip exactly.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mdk-neat-genome.h"

G_BEGIN_DECLS

/* @genomes: MdkNeatGenome*, all with the same inputs and outputs. */
JsonNode  *mdk_neat_pack_genomes   (GPtrArray   *genomes);

/* The genomes of a packed object, with their ids, parents, origin,
 * mutations, birth generation, species and fitness (NaN: not evaluated).
 * Only the layout is checked here (column lengths, node types,
 * activations, origins, counts); callers check each genome against the run
 * (mdk_neat_check_genome ()).  Errors start with @path. */
GPtrArray *mdk_neat_unpack_genomes (JsonNode    *node,
                                    guint        n_inputs,
                                    guint        n_outputs,
                                    const char  *path,
                                    GError     **error);

G_END_DECLS
