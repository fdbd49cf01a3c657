/* mdk-examples.h: the example projects shipped in the resources */
#pragma once

#include <gio/gio.h>

#include "mdk-project.h"

G_BEGIN_DECLS

typedef struct
{
  const char *id;           /* resource examples/ID.medaka */
  const char *title;        /* N_(): the window title's name */
  const char *label;        /* N_(): the menu item, a short description */
  const char *data;         /* a data file shipped beside it that the task reads, or NULL */
  gboolean    interactive;  /* opens in interactive evolution */
} MdkExample;

const MdkExample *mdk_examples_get    (guint             *n_examples);
const MdkExample *mdk_example_lookup  (const char        *id);
/* The example's project, ready to load: a data file it reads is written to
 * the user's data folder and the copy's task points there. */
MdkProject       *mdk_example_load    (const MdkExample  *example,
                                       GError           **error);

G_END_DECLS
