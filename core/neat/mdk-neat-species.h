/* mdk-neat-species.h: a NEAT species
 *
 * Members are borrowed pointers into the optimizer's current population; the
 * representative is the species' own copy, taken at random from the previous
 * generation's members (Stanley & Miikkulainen 2002, section 3.3).
 */
#pragma once

#include <glib.h>

#include "mdk-neat-genome.h"

G_BEGIN_DECLS

typedef struct
{
  guint32        id;
  MdkNeatGenome *representative;
  GPtrArray     *members;          /* MdkNeatGenome*, sorted by fitness after tell */
  guint          created;          /* generation */
  guint          last_improved;    /* generation */
  double         best_fitness;     /* best ever, for stagnation */
  double         max_fitness;      /* this generation */
  double         mean_fitness;     /* this generation, raw */
  double         adjusted;         /* mean shifted fitness: its share of offspring */
  guint          offspring;
} MdkNeatSpecies;

MdkNeatSpecies *mdk_neat_species_new  (guint32              id,
                                       const MdkNeatGenome *representative,
                                       guint                generation);
void            mdk_neat_species_free (MdkNeatSpecies      *species);

G_END_DECLS
