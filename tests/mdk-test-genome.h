/* A genome of tests/data/genomes (an evolved controller kept as a fixture)
 * decoded into a network; shared by the core and the GUI tests. */
#pragma once

#include <json-glib/json-glib.h>

#include "mdk-neat-genome.h"

static inline MdkNeatGenome *
mdk_test_genome_new (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "genomes", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  MdkNeatGenome *genome;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  genome = mdk_neat_genome_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  return genome;
}

static inline MdkNetwork *
mdk_test_genome_net_new (const char *name)
{
  g_autoptr(MdkNeatGenome) genome = mdk_test_genome_new (name);
  MdkNetwork *net = mdk_network_new ();

  mdk_neat_genome_decode (genome, net);
  return net;
}
