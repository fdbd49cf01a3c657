#define G_LOG_DOMAIN "medaka-neat"

#include "config.h"

#include "mdk-neat-species.h"

#include <math.h>

MdkNeatSpecies *
mdk_neat_species_new (guint32              id,
                      const MdkNeatGenome *representative,
                      guint                generation)
{
  MdkNeatSpecies *species = g_new0 (MdkNeatSpecies, 1);

  species->id = id;
  species->representative = mdk_neat_genome_copy (representative);
  species->members = g_ptr_array_new ();
  species->created = generation;
  species->last_improved = generation;
  species->best_fitness = -INFINITY;
  return species;
}

void
mdk_neat_species_free (MdkNeatSpecies *species)
{
  if (species == NULL)
    return;
  mdk_neat_genome_free (species->representative);
  g_ptr_array_unref (species->members);
  g_free (species);
}
