#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-examples.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define EXAMPLES_PATH "/io/github/medakastudio/Medaka/examples/"

/* Made by tools/make-examples.sh; see data/examples/README.md. */
static const MdkExample examples[] = {
  { "xor", N_("XOR"), N_("_XOR: the classic first test of NEAT"), NULL, FALSE },
  { "spirals", N_("Two spirals"), N_("Two _Spirals: a hard classification"), NULL, FALSE },
  { "spirals-backprop", N_("Backprop-NEAT on two spirals"),
    N_("_Backprop-NEAT: spirals with gradient steps"), NULL, FALSE },
  { "moons", N_("Two moons from a CSV file"), N_("Two _Moons: learning from a CSV file"), "moons.csv", FALSE },
  { "cppn", N_("CPPN gallery"), N_("_CPPN Gallery: breed pictures by choice"), NULL, TRUE },
  { "double-pole-nv", N_("Double pole without velocities"),
    N_("_Double Pole: balancing without velocities"), NULL, FALSE },
  { "maze-hard", N_("Hard maze"), N_("_Hard Maze: a deceptive task"), NULL, FALSE },
};

const MdkExample *
mdk_examples_get (guint *n_examples)
{
  *n_examples = G_N_ELEMENTS (examples);
  return examples;
}

const MdkExample *
mdk_example_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    if (g_strcmp0 (examples[i].id, id) == 0)
      return &examples[i];
  return NULL;
}

/* The shipped data file, written (if missing or different) where the
 * opened copy, and a project saved from it, can keep reading it. */
static char *
install_data (const char  *name,
              GError     **error)
{
  g_autofree char *resource = g_strconcat (EXAMPLES_PATH, name, NULL);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "medaka", "examples", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  g_autofree char *old = NULL;
  gsize old_len, len;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  if (g_file_get_contents (path, &old, &old_len, NULL) && old_len == len && memcmp (old, data, len) == 0)
    return g_steal_pointer (&path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  if (!g_file_set_contents (path, data, len, error))
    return NULL;
  return g_steal_pointer (&path);
}

MdkProject *
mdk_example_load (const MdkExample  *example,
                  GError           **error)
{
  g_autofree char *resource = g_strconcat (EXAMPLES_PATH, example->id, ".medaka", NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  g_autoptr(MdkProject) project = NULL;
  JsonNode *state;

  if (bytes == NULL)
    return NULL;
  project = mdk_project_load_from_bytes (bytes, error);
  if (project == NULL)
    return NULL;
  state = mdk_project_get_state (project);
  if (example->data != NULL && state != NULL)
    {
      g_autofree char *path = install_data (example->data, error);
      JsonObject *experiment = json_object_get_object_member (json_node_get_object (state), "experiment");
      JsonObject *params = experiment != NULL ? json_object_get_object_member (experiment, "task_params") : NULL;

      if (path == NULL)
        return NULL;
      /* The project names the file without a folder (make-examples.sh). */
      if (params != NULL)
        json_object_set_string_member (params, "path", path);
    }
  return g_steal_pointer (&project);
}
