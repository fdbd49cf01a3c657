#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-graph-editor.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mdk-neat-edit.h"
#include "mdk-network-draw.h"
#include "mdk-ui-color.h"

#define MIN_ZOOM 0.05
#define MAX_ZOOM 40.0
/* Pointer travel (pixels) before a press becomes a drag. */
#define DRAG_THRESHOLD 3.0
#define DEFAULT_WEIGHT 1.0
#define SLIDER_RANGE 8.0
#define SPIN_RANGE 1000.0
/* The recorded network reaches this far (pixels) past each edge of the
 * view, so that a pan step only moves it. */
#define BASE_MARGIN 256.0

typedef enum
{
  DRAG_NONE,
  DRAG_MOVE,      /* the selected nodes follow the pointer */
  DRAG_CONNECT,   /* a new connection from drag_node to the pointer */
  DRAG_BOX,       /* rubber-band selection */
  DRAG_PAN,
} DragMode;

typedef struct
{
  double x, y;
} GraphPoint;

typedef struct
{
  guint32    id;
  GraphPoint start;
} MovingNode;

struct _MdkGraphEditor
{
  GtkWidget           parent_instance;

  double              pinch_scale;     /* the zoom gesture's last scale */

  MdkNeatEditor      *editor;          /* owns the edited copy, or NULL */
  MdkNeatInnovation  *own_tracker;     /* when the caller gave none */
  gboolean            structural;      /* structure may change */
  gboolean            read_only;       /* nothing may change */
  char              **input_names;
  char              **output_names;
  GHashTable         *positions;       /* node id → GraphPoint, kept across edits */
  GHashTable         *sel_nodes;       /* node ids + 1 */
  GHashTable         *sel_conns;       /* innovations */
  gboolean            editing_started;

  /* Prepared for snapshot () and hit tests. */
  MdkNetworkLayout    layout;
  MdkNetworkGeometry  base;            /* the whole layout fitted at zoom 1 */
  MdkNetworkGeometry  geom;            /* base at the current pan and zoom */
  gboolean            geometry_valid;
  guint8             *sel_node_flags;
  guint8             *sel_conn_flags;
  double              zoom, pan_x, pan_y;
  int                 hover_node, hover_conn;
  double              pointer_x, pointer_y;
  /* The recorded network, plain and dimmed under a highlight (see
   * mdk_network_draw_base ()), each with the pan it was recorded at; and the
   * selection and highlight marks over it. */
  GskRenderNode      *network[2];
  double              network_pan_x[2], network_pan_y[2];
  GskRenderNode      *marks;
  gboolean            marks_valid;
  GdkRGBA             fg;

  DragMode            drag;
  double              drag_x0, drag_y0, drag_x, drag_y;
  gboolean            drag_moved;
  gboolean            drag_extend;
  guint32             drag_node;
  int                 press_conn;
  GArray             *moving;          /* MovingNode */
  double              pan_start_x, pan_start_y;

  GtkWidget          *popover;
  GtkWidget          *pop_spin;
  GtkWidget          *pop_scale;
  guint32             pop_innovation;  /* connection being edited, or 0 */
  guint32             pop_node;        /* node being edited (with pop_is_node) */
  gboolean            pop_is_node;
  gboolean            slider_group;    /* an undo group of slider changes is open */
  GraphPoint          add_at;          /* where Shift+A adds */
  guint32             add_split;
};

enum
{
  SIGNAL_EDITED,
  SIGNAL_MESSAGE,
  SIGNAL_EDITING_STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MdkGraphEditor, mdk_graph_editor, GTK_TYPE_WIDGET)

static const MdkNeatGenome *
genome_of (MdkGraphEditor *self)
{
  return self->editor != NULL ? mdk_neat_editor_get_genome (self->editor) : NULL;
}

/* ------------------------------------------------------------ preparation */

static void
drop_drawing (MdkGraphEditor *self)
{
  g_clear_pointer (&self->network[0], gsk_render_node_unref);
  g_clear_pointer (&self->network[1], gsk_render_node_unref);
  g_clear_pointer (&self->marks, gsk_render_node_unref);
  self->marks_valid = FALSE;
}

/* The network itself changed (an edit, a move, the zoom, the size). */
static void
invalidate (MdkGraphEditor *self)
{
  drop_drawing (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Only the selection, the highlight or the pan changed: the recorded
 * network stays. */
static void
invalidate_marks (MdkGraphEditor *self)
{
  g_clear_pointer (&self->marks, gsk_render_node_unref);
  self->marks_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_view_geometry (MdkGraphEditor *self)
{
  const MdkNetworkGeometry *b = &self->base;
  MdkNetworkGeometry *g = &self->geom;

  if (!self->geometry_valid)
    return;
  *g = *b;
  g->sx = b->sx * self->zoom;
  g->sy = b->sy * self->zoom;
  g->x0 = b->x0 * self->zoom + self->pan_x;
  g->y0 = b->y0 * self->zoom + self->pan_y;
  g->radius = CLAMP (b->radius * self->zoom, 2.0, 40.0);
  g->line_scale = CLAMP (b->line_scale * self->zoom, 0.4, 3.0);
  g->glyphs = b->names && g->radius >= 7.0;
}

static void
update_geometry (MdkGraphEditor *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  const MdkNeatGenome *genome = genome_of (self);
  MdkNetworkDrawOptions options;

  self->geometry_valid = FALSE;
  if (genome == NULL || w <= 0 || h <= 0)
    return;
  mdk_network_draw_options_init (&options);
  options.font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  mdk_network_geometry_init (&self->base, gtk_widget_get_pango_context (widget), w, h,
                             genome, &self->layout,
                             (const char * const *) self->input_names,
                             (const char * const *) self->output_names, &options);
  self->geometry_valid = TRUE;
  update_view_geometry (self);
}

/* A connection goes "backward" (drawn round the nodes, with an arrow) when
 * its target is not right of its source, wherever the user put them. */
static void
update_backward_flags (MdkGraphEditor *self)
{
  const MdkNeatGenome *genome = genome_of (self);

  for (guint i = 0; i < genome->n_conns; i++)
    {
      int a = mdk_neat_genome_find_node (genome, genome->conns[i].in);
      int b = mdk_neat_genome_find_node (genome, genome->conns[i].out);
      guint8 *flags = &self->layout.conn_flags[i];

      if (a < 0 || b < 0 || (*flags & MDK_NETWORK_CONN_SELF))
        continue;
      if (self->layout.nodes[b].x <= self->layout.nodes[a].x)
        *flags |= MDK_NETWORK_CONN_BACKWARD;
      else
        *flags &= ~MDK_NETWORK_CONN_BACKWARD;
    }
}

static void
update_selection_flags (MdkGraphEditor *self)
{
  const MdkNeatGenome *genome = genome_of (self);

  g_clear_pointer (&self->sel_node_flags, g_free);
  g_clear_pointer (&self->sel_conn_flags, g_free);
  if (genome == NULL)
    return;
  self->sel_node_flags = g_new0 (guint8, MAX (genome->n_nodes, 1));
  self->sel_conn_flags = g_new0 (guint8, MAX (genome->n_conns, 1));
  for (guint v = 0; v < genome->n_nodes; v++)
    self->sel_node_flags[v] = g_hash_table_contains (self->sel_nodes, GUINT_TO_POINTER (genome->nodes[v].id + 1));
  for (guint i = 0; i < genome->n_conns; i++)
    self->sel_conn_flags[i] = g_hash_table_contains (self->sel_conns, GUINT_TO_POINTER (genome->conns[i].innovation));
}

/* The automatic layout for the nodes nobody placed; the others stay where
 * they were, so that an edit does not shuffle the graph. */
static void
relayout (MdkGraphEditor *self)
{
  const MdkNeatGenome *genome = genome_of (self);

  mdk_network_layout_clear (&self->layout);
  if (genome != NULL)
    {
      mdk_network_layout (genome, &self->layout);
      for (guint v = 0; v < genome->n_nodes; v++)
        {
          gpointer key = GUINT_TO_POINTER (genome->nodes[v].id + 1);
          GraphPoint *p = g_hash_table_lookup (self->positions, key);

          if (p == NULL)
            {
              p = g_new (GraphPoint, 1);
              p->x = self->layout.nodes[v].x;
              p->y = self->layout.nodes[v].y;
              g_hash_table_insert (self->positions, key, p);
            }
          self->layout.nodes[v].x = p->x;
          self->layout.nodes[v].y = p->y;
        }
      update_backward_flags (self);
    }
  update_selection_flags (self);
  update_geometry (self);
}

static void
prune_selection (MdkGraphEditor *self)
{
  const MdkNeatGenome *genome = genome_of (self);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->sel_nodes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (genome == NULL || mdk_neat_genome_find_node (genome, GPOINTER_TO_UINT (key) - 1) < 0)
      g_hash_table_iter_remove (&iter);
  g_hash_table_iter_init (&iter, self->sel_conns);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gboolean found = FALSE;

      for (guint i = 0; genome != NULL && i < genome->n_conns && !found; i++)
        found = genome->conns[i].innovation == GPOINTER_TO_UINT (key);
      if (!found)
        g_hash_table_iter_remove (&iter);
    }
}

static void
editing_started (MdkGraphEditor *self)
{
  if (self->editing_started)
    return;
  self->editing_started = TRUE;
  g_signal_emit (self, signals[SIGNAL_EDITING_STARTED], 0);
}

/* After the genome changed: new layout, and the "edited" signal. */
static void
genome_changed (MdkGraphEditor *self)
{
  prune_selection (self);
  relayout (self);
  invalidate (self);
  g_signal_emit (self, signals[SIGNAL_EDITED], 0);
}

static void
message (MdkGraphEditor *self,
         const char     *text)
{
  g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, text);
}

static void
end_slider_group (MdkGraphEditor *self)
{
  if (!self->slider_group)
    return;
  self->slider_group = FALSE;
  if (self->editor != NULL)
    mdk_neat_editor_end_group (self->editor);
}

static gboolean
is_structural (MdkNeatEditKind kind)
{
  switch (kind)
    {
    case MDK_NEAT_EDIT_ADD_CONNECTION:
    case MDK_NEAT_EDIT_REMOVE_CONNECTION:
    case MDK_NEAT_EDIT_SPLIT_CONNECTION:
    case MDK_NEAT_EDIT_ADD_NODE:
    case MDK_NEAT_EDIT_REMOVE_NODE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* A network an algorithm without graph genomes made (shown through its
 * graph form) can be looked at, not edited. */
static gboolean
refuse_read_only (MdkGraphEditor *self)
{
  if (!self->read_only)
    return FALSE;
  message (self, _("This algorithm’s networks have a fixed shape set by its parameters: "
                   "they can be looked at, moved around and exported, but not edited"));
  return TRUE;
}

static gboolean
refuse_structural (MdkGraphEditor *self)
{
  if (refuse_read_only (self))
    return TRUE;
  if (self->structural)
    return FALSE;
  message (self, _("This network is not part of a run, so its structure cannot change: "
                   "only weights, biases and activations can be edited"));
  return TRUE;
}

/* Applies @edit without the "edited" signal; the refusal goes out as a
 * "message" unless @error_out takes it. */
static gboolean
apply_quiet (MdkGraphEditor  *self,
             MdkNeatEdit     *edit,
             char           **error_out)
{
  g_autoptr(GError) error = NULL;

  if (self->editor == NULL || refuse_read_only (self))
    return FALSE;
  if (is_structural (edit->kind) && refuse_structural (self))
    return FALSE;
  if (!mdk_neat_editor_apply (self->editor, edit, &error))
    {
      if (error_out != NULL)
        {
          if (*error_out == NULL)
            *error_out = g_strdup (error->message);
        }
      else
        message (self, error->message);
      return FALSE;
    }
  editing_started (self);
  return TRUE;
}

static gboolean
apply (MdkGraphEditor *self,
       MdkNeatEdit    *edit,
       gboolean        from_slider)
{
  if (!from_slider)
    end_slider_group (self);
  if (!apply_quiet (self, edit, NULL))
    return FALSE;
  genome_changed (self);
  return TRUE;
}

/* ------------------------------------------------------------ public API */

GtkWidget *
mdk_graph_editor_new (void)
{
  return g_object_new (MDK_TYPE_GRAPH_EDITOR, NULL);
}

static void
close_popover (MdkGraphEditor *self)
{
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  end_slider_group (self);
}

static void
drop_popover (MdkGraphEditor *self)
{
  end_slider_group (self);
  if (self->popover != NULL)
    {
      gtk_widget_unparent (self->popover);
      self->popover = NULL;
    }
  self->pop_spin = NULL;
  self->pop_scale = NULL;
}

void
mdk_graph_editor_set_genome (MdkGraphEditor      *self,
                             const MdkNeatGenome *genome,
                             MdkNeatInnovation   *tracker,
                             gboolean             allow_recurrent,
                             const char * const  *input_names,
                             const char * const  *output_names)
{
  g_return_if_fail (MDK_IS_GRAPH_EDITOR (self));

  drop_popover (self);
  g_clear_pointer (&self->editor, mdk_neat_editor_free);
  g_clear_pointer (&self->own_tracker, mdk_neat_innovation_free);
  g_clear_pointer (&self->input_names, g_strfreev);
  g_clear_pointer (&self->output_names, g_strfreev);
  g_hash_table_remove_all (self->positions);
  g_hash_table_remove_all (self->sel_nodes);
  g_hash_table_remove_all (self->sel_conns);
  self->editing_started = FALSE;
  self->hover_node = self->hover_conn = -1;
  self->drag = DRAG_NONE;
  self->zoom = 1.0;
  self->pan_x = self->pan_y = 0.0;

  if (genome != NULL)
    {
      self->structural = tracker != NULL;
      if (tracker == NULL)
        {
          /* The editor wants a tracker even for value edits; this one
           * never numbers anything because structure is refused. */
          self->own_tracker = mdk_neat_innovation_new (mdk_neat_genome_max_innovation (genome) + 1,
                                                       mdk_neat_genome_max_node_id (genome) + 1);
          tracker = self->own_tracker;
        }
      self->editor = mdk_neat_editor_new (genome, tracker, allow_recurrent);
      self->input_names = g_strdupv ((char **) input_names);
      self->output_names = g_strdupv ((char **) output_names);
    }
  relayout (self);
  invalidate (self);
}

/* Read-only: every edit is refused with a "message" (moving nodes, the
 * view and exports still work).  Kept across set_genome (). */
void
mdk_graph_editor_set_read_only (MdkGraphEditor *self,
                                gboolean        read_only)
{
  g_return_if_fail (MDK_IS_GRAPH_EDITOR (self));

  self->read_only = read_only;
  if (read_only)
    drop_popover (self);
}

gboolean
mdk_graph_editor_get_read_only (MdkGraphEditor *self)
{
  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), FALSE);

  return self->read_only;
}

const MdkNeatGenome *
mdk_graph_editor_get_genome (MdkGraphEditor *self)
{
  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), NULL);

  return genome_of (self);
}

gboolean
mdk_graph_editor_is_modified (MdkGraphEditor *self)
{
  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), FALSE);

  return self->editor != NULL && mdk_neat_editor_can_undo (self->editor);
}

gboolean
mdk_graph_editor_can_undo (MdkGraphEditor *self)
{
  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), FALSE);

  return self->editor != NULL && mdk_neat_editor_can_undo (self->editor);
}

gboolean
mdk_graph_editor_can_redo (MdkGraphEditor *self)
{
  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), FALSE);

  return self->editor != NULL && mdk_neat_editor_can_redo (self->editor);
}

gboolean
mdk_graph_editor_undo (MdkGraphEditor *self)
{
  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), FALSE);

  close_popover (self);
  if (self->editor == NULL || !mdk_neat_editor_undo (self->editor))
    return FALSE;
  genome_changed (self);
  return TRUE;
}

gboolean
mdk_graph_editor_redo (MdkGraphEditor *self)
{
  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), FALSE);

  close_popover (self);
  if (self->editor == NULL || !mdk_neat_editor_redo (self->editor))
    return FALSE;
  genome_changed (self);
  return TRUE;
}

double
mdk_graph_editor_get_zoom (MdkGraphEditor *self)
{
  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), 1.0);

  return self->zoom;
}

void
mdk_graph_editor_zoom_at (MdkGraphEditor *self,
                          double          factor,
                          double          x,
                          double          y)
{
  double gx, gy, z;

  g_return_if_fail (MDK_IS_GRAPH_EDITOR (self));

  z = CLAMP (self->zoom * factor, MIN_ZOOM, MAX_ZOOM);
  if (!self->geometry_valid)
    {
      self->zoom = z;
      return;
    }
  /* Keep graph point (gx, gy) at widget point (x, y). */
  mdk_graph_editor_widget_to_graph (self, x, y, &gx, &gy);
  self->zoom = z;
  self->pan_x = x - z * (self->base.x0 + gx * self->base.sx);
  self->pan_y = y - z * (self->base.y0 + gy * self->base.sy);
  update_view_geometry (self);
  invalidate (self);
}

void
mdk_graph_editor_set_zoom (MdkGraphEditor *self,
                           double          zoom)
{
  g_return_if_fail (MDK_IS_GRAPH_EDITOR (self));
  g_return_if_fail (zoom > 0);

  /* Around the middle of the widget. */
  mdk_graph_editor_zoom_at (self, zoom / self->zoom,
                            gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                            gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
mdk_graph_editor_fit (MdkGraphEditor *self)
{
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1, z;

  g_return_if_fail (MDK_IS_GRAPH_EDITOR (self));

  if (!self->geometry_valid)
    {
      self->zoom = 1.0;
      self->pan_x = self->pan_y = 0.0;
      return;
    }
  /* The default layout fills the unit square at zoom 1; nodes moved out of
   * it widen the box. */
  for (guint v = 0; v < self->layout.n_nodes; v++)
    {
      x0 = MIN (x0, self->layout.nodes[v].x);
      x1 = MAX (x1, self->layout.nodes[v].x);
      y0 = MIN (y0, self->layout.nodes[v].y);
      y1 = MAX (y1, self->layout.nodes[v].y);
    }
  z = CLAMP (MIN (1.0 / (x1 - x0), 1.0 / (y1 - y0)), MIN_ZOOM, MAX_ZOOM);
  self->zoom = z;
  self->pan_x = self->base.x0 + 0.5 * self->base.sx - z * (self->base.x0 + (x0 + x1) / 2 * self->base.sx);
  self->pan_y = self->base.y0 + 0.5 * self->base.sy - z * (self->base.y0 + (y0 + y1) / 2 * self->base.sy);
  update_view_geometry (self);
  invalidate (self);
}

void
mdk_graph_editor_widget_to_graph (MdkGraphEditor *self,
                                  double          x,
                                  double          y,
                                  double         *gx,
                                  double         *gy)
{
  g_return_if_fail (MDK_IS_GRAPH_EDITOR (self));

  if (!self->geometry_valid)
    {
      *gx = *gy = 0.0;
      return;
    }
  *gx = (x - self->geom.x0) / self->geom.sx;
  *gy = (y - self->geom.y0) / self->geom.sy;
}

void
mdk_graph_editor_graph_to_widget (MdkGraphEditor *self,
                                  double          gx,
                                  double          gy,
                                  double         *x,
                                  double         *y)
{
  g_return_if_fail (MDK_IS_GRAPH_EDITOR (self));

  if (!self->geometry_valid)
    {
      *x = *y = 0.0;
      return;
    }
  *x = self->geom.x0 + gx * self->geom.sx;
  *y = self->geom.y0 + gy * self->geom.sy;
}

gboolean
mdk_graph_editor_get_node_position (MdkGraphEditor *self,
                                    guint32         id,
                                    double         *x,
                                    double         *y)
{
  const MdkNeatGenome *genome;
  int v;

  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), FALSE);

  genome = genome_of (self);
  if (genome == NULL || !self->geometry_valid)
    return FALSE;
  v = mdk_neat_genome_find_node (genome, id);
  if (v < 0)
    return FALSE;
  mdk_graph_editor_graph_to_widget (self, self->layout.nodes[v].x, self->layout.nodes[v].y, x, y);
  return TRUE;
}

static void
selection_changed (MdkGraphEditor *self)
{
  update_selection_flags (self);
  invalidate_marks (self);
}

void
mdk_graph_editor_select_node (MdkGraphEditor *self,
                              guint32         id,
                              gboolean        extend)
{
  const MdkNeatGenome *genome;
  gpointer key = GUINT_TO_POINTER (id + 1);

  g_return_if_fail (MDK_IS_GRAPH_EDITOR (self));

  genome = genome_of (self);
  if (genome == NULL || mdk_neat_genome_find_node (genome, id) < 0)
    return;
  if (!extend)
    {
      g_hash_table_remove_all (self->sel_nodes);
      g_hash_table_remove_all (self->sel_conns);
      g_hash_table_add (self->sel_nodes, key);
    }
  else if (!g_hash_table_remove (self->sel_nodes, key))
    g_hash_table_add (self->sel_nodes, key);
  selection_changed (self);
}

void
mdk_graph_editor_select_connection (MdkGraphEditor *self,
                                    guint32         innovation,
                                    gboolean        extend)
{
  gpointer key = GUINT_TO_POINTER (innovation);

  g_return_if_fail (MDK_IS_GRAPH_EDITOR (self));

  if (!extend)
    {
      g_hash_table_remove_all (self->sel_nodes);
      g_hash_table_remove_all (self->sel_conns);
      g_hash_table_add (self->sel_conns, key);
    }
  else if (!g_hash_table_remove (self->sel_conns, key))
    g_hash_table_add (self->sel_conns, key);
  prune_selection (self);
  selection_changed (self);
}

void
mdk_graph_editor_clear_selection (MdkGraphEditor *self)
{
  g_return_if_fail (MDK_IS_GRAPH_EDITOR (self));

  if (g_hash_table_size (self->sel_nodes) == 0 && g_hash_table_size (self->sel_conns) == 0)
    return;
  g_hash_table_remove_all (self->sel_nodes);
  g_hash_table_remove_all (self->sel_conns);
  selection_changed (self);
}

guint
mdk_graph_editor_get_n_selected (MdkGraphEditor *self)
{
  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), 0);

  return g_hash_table_size (self->sel_nodes) + g_hash_table_size (self->sel_conns);
}

gboolean
mdk_graph_editor_delete_selection (MdkGraphEditor *self)
{
  const MdkNeatGenome *genome;
  g_autoptr(GArray) conns = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *refusal = NULL;
  guint done = 0;

  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), FALSE);

  genome = genome_of (self);
  if (genome == NULL || mdk_graph_editor_get_n_selected (self) == 0)
    return FALSE;
  end_slider_group (self);
  if (refuse_structural (self))
    return FALSE;
  /* In genome order, connections first: removing a node takes its
   * connections along, so they would be gone afterwards. */
  for (guint i = 0; i < genome->n_conns; i++)
    if (self->sel_conn_flags[i])
      g_array_append_val (conns, genome->conns[i].innovation);
  for (guint v = 0; v < genome->n_nodes; v++)
    if (self->sel_node_flags[v])
      g_array_append_val (nodes, genome->nodes[v].id);

  mdk_neat_editor_begin_group (self->editor);
  for (guint k = 0; k < conns->len; k++)
    {
      MdkNeatEdit edit = mdk_neat_edit_remove_connection (g_array_index (conns, guint32, k));
      done += apply_quiet (self, &edit, &refusal);
    }
  for (guint k = 0; k < nodes->len; k++)
    {
      MdkNeatEdit edit = mdk_neat_edit_remove_node (g_array_index (nodes, guint32, k));
      done += apply_quiet (self, &edit, &refusal);
    }
  mdk_neat_editor_end_group (self->editor);

  if (refusal != NULL)
    message (self, refusal);
  if (done == 0)
    return FALSE;
  genome_changed (self);
  return TRUE;
}

gboolean
mdk_graph_editor_connect (MdkGraphEditor *self,
                          guint32         from_id,
                          guint32         to_id)
{
  MdkNeatEdit edit;

  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), FALSE);

  edit = mdk_neat_edit_add_connection (from_id, to_id, DEFAULT_WEIGHT);
  return apply (self, &edit, FALSE);
}

guint32
mdk_graph_editor_add_node_at (MdkGraphEditor *self,
                              double          gx,
                              double          gy,
                              MdkActivation   activation,
                              guint32         split_innovation)
{
  MdkNeatEdit edit;
  GraphPoint *p;
  guint32 id;

  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), 0);

  end_slider_group (self);
  if (split_innovation != 0)
    edit = mdk_neat_edit_split_connection (split_innovation, activation);
  else
    edit = mdk_neat_edit_add_node (activation, 0.0);
  if (!apply_quiet (self, &edit, NULL))
    return 0;
  id = split_innovation != 0 ? edit.split_connection.node_id : edit.add_node.node_id;
  /* The new node appears where it was asked for. */
  p = g_new (GraphPoint, 1);
  p->x = gx;
  p->y = gy;
  g_hash_table_insert (self->positions, GUINT_TO_POINTER (id + 1), p);
  genome_changed (self);
  return id;
}

static void
place_node (MdkGraphEditor *self,
            int             v,
            double          gx,
            double          gy)
{
  const MdkNeatGenome *genome = genome_of (self);
  GraphPoint *p = g_new (GraphPoint, 1);

  p->x = gx;
  p->y = gy;
  g_hash_table_insert (self->positions, GUINT_TO_POINTER (genome->nodes[v].id + 1), p);
  self->layout.nodes[v].x = gx;
  self->layout.nodes[v].y = gy;
}

gboolean
mdk_graph_editor_move_node (MdkGraphEditor *self,
                            guint32         id,
                            double          gx,
                            double          gy)
{
  const MdkNeatGenome *genome;
  int v;

  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), FALSE);

  genome = genome_of (self);
  if (genome == NULL || (v = mdk_neat_genome_find_node (genome, id)) < 0)
    return FALSE;
  editing_started (self);
  place_node (self, v, gx, gy);
  update_backward_flags (self);
  invalidate (self);
  return TRUE;
}

gboolean
mdk_graph_editor_set_weight (MdkGraphEditor *self,
                             guint32         innovation,
                             double          weight)
{
  MdkNeatEdit edit;

  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), FALSE);

  edit = mdk_neat_edit_set_weight (innovation, weight);
  return apply (self, &edit, FALSE);
}

gboolean
mdk_graph_editor_set_bias (MdkGraphEditor *self,
                           guint32         node_id,
                           double          bias)
{
  MdkNeatEdit edit;

  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), FALSE);

  edit = mdk_neat_edit_set_bias (node_id, bias);
  return apply (self, &edit, FALSE);
}

/* Weights learned elsewhere ("Backprop more"): one undo step.  FALSE, with
 * a "message", when @trained does not have the genome's structure. */
gboolean
mdk_graph_editor_take_weights (MdkGraphEditor      *self,
                               const MdkNeatGenome *trained)
{
  g_autoptr(GError) error = NULL;
  int changed;

  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), FALSE);

  end_slider_group (self);
  if (self->editor == NULL)
    return FALSE;
  changed = mdk_neat_editor_take_weights (self->editor, trained, &error);
  if (changed < 0)
    {
      message (self, error->message);
      return FALSE;
    }
  if (changed > 0)
    {
      editing_started (self);
      genome_changed (self);
    }
  return TRUE;
}

/* ---------------------------------------------------------------- tooltip */

static char *
node_name (MdkGraphEditor    *self,
           const MdkNeatNode *node)
{
  return mdk_network_node_name (genome_of (self), node, (const char * const *) self->input_names,
                                (const char * const *) self->output_names);
}

static char *
describe_node (MdkGraphEditor *self,
               guint           index)
{
  return mdk_network_describe_node (genome_of (self), index, (const char * const *) self->input_names,
                                    (const char * const *) self->output_names);
}

static char *
conn_title (MdkGraphEditor *self,
            guint           index)
{
  return mdk_network_connection_title (genome_of (self), index, (const char * const *) self->input_names,
                                       (const char * const *) self->output_names);
}

static char *
describe_conn (MdkGraphEditor *self,
               guint           index)
{
  return mdk_network_describe_connection (genome_of (self), index, FALSE,
                                          (const char * const *) self->input_names,
                                          (const char * const *) self->output_names);
}

static gboolean
hit (MdkGraphEditor *self,
     double          x,
     double          y,
     int            *node,
     int            *conn)
{
  *node = *conn = -1;
  if (!self->geometry_valid)
    return FALSE;
  return mdk_network_hit_test (&self->geom, genome_of (self), &self->layout, x, y, node, conn);
}

char *
mdk_graph_editor_dup_tooltip_at (MdkGraphEditor *self,
                                 double          x,
                                 double          y)
{
  int node, conn;

  g_return_val_if_fail (MDK_IS_GRAPH_EDITOR (self), NULL);

  if (!hit (self, x, y, &node, &conn))
    return NULL;
  return node >= 0 ? describe_node (self, node) : describe_conn (self, conn);
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  MdkGraphEditor *self = MDK_GRAPH_EDITOR (widget);
  g_autofree char *text = NULL;

  if (keyboard || self->drag != DRAG_NONE)
    return FALSE;
  text = mdk_graph_editor_dup_tooltip_at (self, x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---------------------------------------------------------------- popovers */

static GtkWidget *
new_popover (MdkGraphEditor *self,
             double          x,
             double          y)
{
  GtkWidget *popover;

  drop_popover (self);
  popover = gtk_popover_new ();
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  g_signal_connect_swapped (popover, "closed", G_CALLBACK (end_slider_group), self);
  self->popover = popover;
  return popover;
}

static void
on_add_clicked (GtkButton      *button,
                MdkGraphEditor *self)
{
  MdkActivation activation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "activation"));

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  mdk_graph_editor_add_node_at (self, self->add_at.x, self->add_at.y, activation, self->add_split);
}

/* Shift+A: the activations of a new hidden node, at the pointer. */
static void
open_add_menu (MdkGraphEditor *self,
               double          x,
               double          y)
{
  const MdkNeatGenome *genome = genome_of (self);
  GtkWidget *popover, *box, *title;
  int node, conn;

  if (genome == NULL || refuse_structural (self))
    return;
  hit (self, x, y, &node, &conn);
  self->add_split = conn >= 0 ? genome->conns[conn].innovation : 0;
  mdk_graph_editor_widget_to_graph (self, x, y, &self->add_at.x, &self->add_at.y);

  popover = new_popover (self, x, y);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  title = gtk_label_new (self->add_split != 0 ? _("Split the connection with a node")
                                              : _("Add a hidden node"));
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_bottom (title, 4);
  gtk_box_append (GTK_BOX (box), title);
  for (guint a = 0; a < MDK_N_ACTIVATIONS; a++)
    {
      GtkWidget *button = gtk_button_new_with_label (mdk_activation_get_label (a));

      gtk_button_set_has_frame (GTK_BUTTON (button), FALSE);
      gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (button)), GTK_ALIGN_START);
      g_object_set_data (G_OBJECT (button), "activation", GUINT_TO_POINTER (a));
      g_signal_connect (button, "clicked", G_CALLBACK (on_add_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
set_value_quietly (GtkWidget *widget,
                   gpointer   func,
                   gpointer   data,
                   double     value)
{
  GtkAdjustment *adj = GTK_IS_SPIN_BUTTON (widget) ? gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (widget))
                                                   : gtk_range_get_adjustment (GTK_RANGE (widget));

  g_signal_handlers_block_by_func (adj, func, data);
  gtk_adjustment_set_value (adj, value);
  g_signal_handlers_unblock_by_func (adj, func, data);
}

static void on_scale_changed (GtkAdjustment *adj, MdkGraphEditor *self);

static void
apply_value (MdkGraphEditor *self,
             double          value,
             gboolean        from_slider)
{
  MdkNeatEdit edit;

  if (self->pop_is_node)
    edit = mdk_neat_edit_set_bias (self->pop_node, value);
  else
    edit = mdk_neat_edit_set_weight (self->pop_innovation, value);
  apply (self, &edit, from_slider);
}

static void
on_spin_changed (GtkAdjustment  *adj,
                 MdkGraphEditor *self)
{
  double value = gtk_adjustment_get_value (adj);

  apply_value (self, value, FALSE);
  if (self->pop_scale != NULL)
    set_value_quietly (self->pop_scale, on_scale_changed, self, value);
}

static void
on_scale_changed (GtkAdjustment  *adj,
                  MdkGraphEditor *self)
{
  double value = gtk_adjustment_get_value (adj);

  /* A drag of the slider is one undo step. */
  if (!self->slider_group && self->editor != NULL)
    {
      mdk_neat_editor_begin_group (self->editor);
      self->slider_group = TRUE;
    }
  apply_value (self, value, TRUE);
  if (self->pop_spin != NULL)
    set_value_quietly (self->pop_spin, on_spin_changed, self, value);
}

static void
on_scale_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  MdkGraphEditor  *self)
{
  end_slider_group (self);
}

static void
on_enabled_changed (GtkSwitch      *sw,
                    GParamSpec     *pspec,
                    MdkGraphEditor *self)
{
  MdkNeatEdit edit = mdk_neat_edit_set_enabled (self->pop_innovation, gtk_switch_get_active (sw));

  apply (self, &edit, FALSE);
}

static void
on_activation_changed (GtkDropDown    *dropdown,
                       GParamSpec     *pspec,
                       MdkGraphEditor *self)
{
  MdkNeatEdit edit = mdk_neat_edit_set_activation (self->pop_node, gtk_drop_down_get_selected (dropdown));

  apply (self, &edit, FALSE);
}

/* A spin button and a slider on one value (weight or bias). */
static void
add_value_row (MdkGraphEditor *self,
               GtkGrid        *grid,
               int             row,
               const char     *label,
               double          value)
{
  GtkWidget *name = gtk_label_new (label);
  GtkWidget *spin = gtk_spin_button_new_with_range (-SPIN_RANGE, SPIN_RANGE, 0.01);
  GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, -SLIDER_RANGE, SLIDER_RANGE, 0.01);
  GtkGesture *press = gtk_gesture_click_new ();

  gtk_widget_set_halign (name, GTK_ALIGN_START);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 4);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_range_set_value (GTK_RANGE (scale), value);
  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_scale_add_mark (GTK_SCALE (scale), 0.0, GTK_POS_BOTTOM, NULL);
  gtk_widget_set_size_request (scale, 200, -1);
  gtk_grid_attach (grid, name, 0, row, 1, 1);
  gtk_grid_attach (grid, spin, 1, row, 1, 1);
  gtk_grid_attach (grid, scale, 0, row + 1, 2, 1);
  g_signal_connect (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin)), "value-changed",
                    G_CALLBACK (on_spin_changed), self);
  g_signal_connect (gtk_range_get_adjustment (GTK_RANGE (scale)), "value-changed",
                    G_CALLBACK (on_scale_changed), self);
  /* Each new press on the slider starts a new undo step. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_scale_pressed), self);
  gtk_widget_add_controller (scale, GTK_EVENT_CONTROLLER (press));
  self->pop_spin = spin;
  self->pop_scale = scale;
}

static GtkWidget *
new_grid (const char *title)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *heading = gtk_label_new (title);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_halign (heading, GTK_ALIGN_START);
  gtk_grid_attach (GTK_GRID (grid), heading, 0, 0, 2, 1);
  return grid;
}

static void
open_values (MdkGraphEditor *self,
             int             node,
             int             conn,
             double          x,
             double          y)
{
  const MdkNeatGenome *genome = genome_of (self);
  GtkWidget *popover, *grid;

  if (genome == NULL || refuse_read_only (self))
    return;
  if (node >= 0)
    {
      const MdkNeatNode *n = &genome->nodes[node];
      g_autofree char *name = node_name (self, n);
      g_autofree char *title = NULL;
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      GtkWidget *label, *dropdown;

      if (n->type != MDK_NEAT_NODE_HIDDEN && n->type != MDK_NEAT_NODE_OUTPUT)
        {
          message (self, _("Inputs and the bias node have no values to edit"));
          return;
        }
      /* TRANSLATORS: the heading of the editor of a node's values; %s is
       * the node's name */
      title = g_strdup_printf (_("Node “%s”"), name);
      popover = new_popover (self, x, y);
      grid = new_grid (title);
      self->pop_is_node = TRUE;
      self->pop_node = n->id;
      add_value_row (self, GTK_GRID (grid), 1, _("Bias"), n->bias);
      for (guint a = 0; a < MDK_N_ACTIVATIONS; a++)
        gtk_string_list_append (labels, mdk_activation_get_label (a));
      label = gtk_label_new (_("Activation"));
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), n->activation);
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_activation_changed), self);
      gtk_grid_attach (GTK_GRID (grid), label, 0, 3, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), dropdown, 1, 3, 1, 1);
    }
  else if (conn >= 0)
    {
      const MdkNeatConn *c = &genome->conns[conn];
      g_autofree char *title = conn_title (self, conn);
      GtkWidget *label, *sw;

      popover = new_popover (self, x, y);
      grid = new_grid (title);
      self->pop_is_node = FALSE;
      self->pop_innovation = c->innovation;
      add_value_row (self, GTK_GRID (grid), 1, _("Weight"), c->weight);
      label = gtk_label_new (_("Enabled"));
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      sw = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (sw), c->enabled);
      gtk_widget_set_halign (sw, GTK_ALIGN_END);
      g_signal_connect (sw, "notify::active", G_CALLBACK (on_enabled_changed), self);
      gtk_grid_attach (GTK_GRID (grid), label, 0, 3, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), sw, 1, 3, 1, 1);
    }
  else
    return;
  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* ---------------------------------------------------------------- gestures */

static void
set_hover (MdkGraphEditor *self,
           int             node,
           int             conn)
{
  if (node == self->hover_node && conn == self->hover_conn)
    return;
  self->hover_node = node;
  self->hover_conn = conn;
  invalidate_marks (self);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           MdkGraphEditor           *self)
{
  int node, conn;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->drag != DRAG_NONE)
    return;
  hit (self, x, y, &node, &conn);
  set_hover (self, node, conn);
}

static void
on_leave (GtkEventControllerMotion *motion,
          MdkGraphEditor           *self)
{
  set_hover (self, -1, -1);
}

/* Pinch on a touchpad or touch screen: zoom toward the fingers' centre. */
static void
on_pinch_begin (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                MdkGraphEditor   *self)
{
  self->pinch_scale = 1.0;
}

static void
on_pinch (GtkGestureZoom *gesture,
          double          scale,
          MdkGraphEditor *self)
{
  double x, y;

  if (scale <= 0.0 || !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  mdk_graph_editor_zoom_at (self, scale / self->pinch_scale, x, y);
  self->pinch_scale = scale;
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           MdkGraphEditor           *self)
{
  if (dy == 0.0)
    return FALSE;
  mdk_graph_editor_zoom_at (self, pow (1.15, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static gboolean
shift_held (GtkGesture *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  return (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               MdkGraphEditor *self)
{
  const MdkNeatGenome *genome = genome_of (self);
  int node, conn;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_x0 = self->drag_x = x;
  self->drag_y0 = self->drag_y = y;
  self->drag_moved = FALSE;
  self->drag_extend = shift_held (GTK_GESTURE (gesture));
  self->press_conn = -1;
  if (genome == NULL || !self->geometry_valid)
    {
      self->drag = DRAG_NONE;
      return;
    }
  hit (self, x, y, &node, &conn);
  if (node >= 0)
    {
      double nx, ny;
      guint32 id = genome->nodes[node].id;

      mdk_graph_editor_graph_to_widget (self, self->layout.nodes[node].x, self->layout.nodes[node].y, &nx, &ny);
      self->drag_node = id;
      /* The right side of a node is its output port. */
      if (x >= nx + 0.4 * self->geom.radius)
        {
          self->drag = DRAG_CONNECT;
          return;
        }
      self->drag = DRAG_MOVE;
      if (self->drag_extend)
        mdk_graph_editor_select_node (self, id, TRUE);
      else if (!self->sel_node_flags[node])
        mdk_graph_editor_select_node (self, id, FALSE);
      g_array_set_size (self->moving, 0);
      for (guint v = 0; v < genome->n_nodes; v++)
        if (self->sel_node_flags[v])
          {
            MovingNode m = { genome->nodes[v].id, { self->layout.nodes[v].x, self->layout.nodes[v].y } };
            g_array_append_val (self->moving, m);
          }
      return;
    }
  self->press_conn = conn;
  self->drag = DRAG_BOX;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                MdkGraphEditor *self)
{
  if (self->drag == DRAG_NONE)
    return;
  self->drag_x = self->drag_x0 + dx;
  self->drag_y = self->drag_y0 + dy;
  if (!self->drag_moved && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  self->drag_moved = TRUE;
  if (self->drag == DRAG_MOVE)
    {
      const MdkNeatGenome *genome = genome_of (self);

      editing_started (self);
      for (guint k = 0; k < self->moving->len; k++)
        {
          const MovingNode *m = &g_array_index (self->moving, MovingNode, k);
          int v = mdk_neat_genome_find_node (genome, m->id);

          if (v >= 0)
            place_node (self, v, m->start.x + dx / self->geom.sx, m->start.y + dy / self->geom.sy);
        }
      update_backward_flags (self);
      invalidate (self);
    }
  else
    /* Only the overlay changes. */
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
box_select (MdkGraphEditor *self)
{
  const MdkNeatGenome *genome = genome_of (self);
  double x0 = MIN (self->drag_x0, self->drag_x), x1 = MAX (self->drag_x0, self->drag_x);
  double y0 = MIN (self->drag_y0, self->drag_y), y1 = MAX (self->drag_y0, self->drag_y);

  if (!self->drag_extend)
    {
      g_hash_table_remove_all (self->sel_nodes);
      g_hash_table_remove_all (self->sel_conns);
    }
  for (guint v = 0; v < genome->n_nodes; v++)
    {
      double x, y;

      mdk_graph_editor_graph_to_widget (self, self->layout.nodes[v].x, self->layout.nodes[v].y, &x, &y);
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1)
        g_hash_table_add (self->sel_nodes, GUINT_TO_POINTER (genome->nodes[v].id + 1));
    }
  selection_changed (self);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             MdkGraphEditor *self)
{
  const MdkNeatGenome *genome = genome_of (self);
  DragMode mode = self->drag;

  self->drag = DRAG_NONE;
  switch (mode)
    {
    case DRAG_CONNECT:
      {
        int node, conn;

        hit (self, self->drag_x, self->drag_y, &node, &conn);
        if (!self->drag_moved)
          mdk_graph_editor_select_node (self, self->drag_node, self->drag_extend);
        else if (node >= 0)
          mdk_graph_editor_connect (self, self->drag_node, genome->nodes[node].id);
        break;
      }
    case DRAG_BOX:
      if (self->drag_moved)
        box_select (self);
      else if (self->press_conn >= 0)
        mdk_graph_editor_select_connection (self, genome->conns[self->press_conn].innovation,
                                            self->drag_extend);
      else if (!self->drag_extend)
        mdk_graph_editor_clear_selection (self);
      break;
    case DRAG_MOVE:
    case DRAG_PAN:
    case DRAG_NONE:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pan_begin (GtkGestureDrag *gesture,
              double          x,
              double          y,
              MdkGraphEditor *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->pan_start_x = self->pan_x;
  self->pan_start_y = self->pan_y;
}

static void
on_pan_update (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               MdkGraphEditor *self)
{
  self->pan_x = self->pan_start_x + dx;
  self->pan_y = self->pan_start_y + dy;
  update_view_geometry (self);
  invalidate_marks (self);
}

static void
on_click (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          MdkGraphEditor  *self)
{
  int node, conn;

  if (n_press != 2 || !hit (self, x, y, &node, &conn))
    return;
  open_values (self, node, conn, x, y);
}

/* ---------------------------------------------------------------- keys */

static gboolean
key_undo (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  mdk_graph_editor_undo (MDK_GRAPH_EDITOR (widget));
  return TRUE;
}

static gboolean
key_redo (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  mdk_graph_editor_redo (MDK_GRAPH_EDITOR (widget));
  return TRUE;
}

static gboolean
key_delete (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  mdk_graph_editor_delete_selection (MDK_GRAPH_EDITOR (widget));
  return TRUE;
}

static gboolean
key_escape (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  MdkGraphEditor *self = MDK_GRAPH_EDITOR (widget);

  self->drag = DRAG_NONE;
  mdk_graph_editor_clear_selection (self);
  gtk_widget_queue_draw (widget);
  return TRUE;
}

static gboolean
key_fit (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  mdk_graph_editor_fit (MDK_GRAPH_EDITOR (widget));
  return TRUE;
}

static gboolean
key_add (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  MdkGraphEditor *self = MDK_GRAPH_EDITOR (widget);

  open_add_menu (self, self->pointer_x, self->pointer_y);
  return TRUE;
}

/* Enter: the values of the one selected item, or of the one under the
 * pointer. */
static gboolean
key_values (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  MdkGraphEditor *self = MDK_GRAPH_EDITOR (widget);
  const MdkNeatGenome *genome = genome_of (self);
  int node = -1, conn = -1;
  double x = self->pointer_x, y = self->pointer_y;

  if (genome == NULL)
    return FALSE;
  if (mdk_graph_editor_get_n_selected (self) == 1)
    {
      for (guint v = 0; v < genome->n_nodes; v++)
        if (self->sel_node_flags[v])
          {
            node = v;
            mdk_graph_editor_graph_to_widget (self, self->layout.nodes[v].x, self->layout.nodes[v].y, &x, &y);
          }
      for (guint i = 0; i < genome->n_conns && node < 0; i++)
        if (self->sel_conn_flags[i])
          conn = i;
    }
  else
    hit (self, x, y, &node, &conn);
  open_values (self, node, conn, x, y);
  return TRUE;
}

/* ---------------------------------------------------------------- GtkWidget */

static void
mdk_graph_editor_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  MdkGraphEditor *self = MDK_GRAPH_EDITOR (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  const MdkNeatGenome *genome = genome_of (self);
  MdkNetworkDrawOptions options;
  gboolean dim;
  GdkRGBA fg;
  cairo_t *cr;

  if (w <= 0 || h <= 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  if (!gdk_rgba_equal (&fg, &self->fg))
    {
      self->fg = fg;
      drop_drawing (self);
    }

  if (genome == NULL || !self->geometry_valid)
    {
      g_autoptr(PangoLayout) pl = gtk_widget_create_pango_layout (widget, _("No network to edit"));
      int tw, th;

      pango_layout_get_pixel_size (pl, &tw, &th);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((w - tw) / 2.0f, (h - th) / 2.0f));
      fg.alpha *= 0.55f;
      gtk_snapshot_append_layout (snapshot, pl, &fg);
      gtk_snapshot_restore (snapshot);
      return;
    }

  /* The network only changes with an edit, a move, the zoom or the size:
   * in between, the recorded drawing is reused, moved by a pan, and only the
   * selection and highlight marks are drawn again. */
  mdk_network_draw_options_init (&options);
  options.foreground = mdk_rgba_from_gdk (&fg);
  options.font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  options.highlight_node = self->hover_node;
  options.highlight_conn = self->hover_conn;
  options.selected_nodes = self->sel_node_flags;
  options.selected_conns = self->sel_conn_flags;
  dim = (self->hover_node >= 0 && (guint) self->hover_node < genome->n_nodes) ||
        (self->hover_conn >= 0 && (guint) self->hover_conn < genome->n_conns);
  if (self->network[dim] != NULL)
    {
      double dx = self->pan_x - self->network_pan_x[dim], dy = self->pan_y - self->network_pan_y[dim];

      /* Whole pixels only, so that the moved drawing is the one a redraw
       * would give; and not past the recorded margin. */
      if (fabs (dx - round (dx)) > 1e-6 || fabs (dy - round (dy)) > 1e-6 ||
          fabs (dx) > BASE_MARGIN || fabs (dy) > BASE_MARGIN)
        g_clear_pointer (&self->network[dim], gsk_render_node_unref);
    }
  if (self->network[dim] == NULL)
    {
      GtkSnapshot *s = gtk_snapshot_new ();

      cr = gtk_snapshot_append_cairo (s, &GRAPHENE_RECT_INIT (-BASE_MARGIN, -BASE_MARGIN,
                                                              w + 2 * BASE_MARGIN, h + 2 * BASE_MARGIN));
      mdk_network_draw_base (cr, &self->geom, genome, &self->layout,
                             (const char * const *) self->input_names,
                             (const char * const *) self->output_names, &options);
      cairo_destroy (cr);
      self->network[dim] = gtk_snapshot_free_to_node (s);
      self->network_pan_x[dim] = self->pan_x;
      self->network_pan_y[dim] = self->pan_y;
    }
  if (self->network[dim] != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (self->pan_x - self->network_pan_x[dim]),
                                                              round (self->pan_y - self->network_pan_y[dim])));
      gtk_snapshot_append_node (snapshot, self->network[dim]);
      gtk_snapshot_restore (snapshot);
    }
  if (!self->marks_valid)
    {
      cairo_rectangle_t extents;

      self->marks_valid = TRUE;
      if (mdk_network_marks_extents (&self->geom, genome, &self->layout, &options, &extents))
        {
          GtkSnapshot *s = gtk_snapshot_new ();

          cr = gtk_snapshot_append_cairo (s, &GRAPHENE_RECT_INIT (extents.x, extents.y,
                                                                  extents.width, extents.height));
          mdk_network_draw_marks (cr, &self->geom, genome, &self->layout, &options);
          cairo_destroy (cr);
          self->marks = gtk_snapshot_free_to_node (s);
        }
    }
  if (self->marks != NULL)
    gtk_snapshot_append_node (snapshot, self->marks);

  /* Overlays: the rubber band, the connection being drawn, the port of the
   * node under the pointer. */
  if (self->drag == DRAG_BOX && self->drag_moved)
    {
      GdkRGBA fill = { 0x91 / 255.0f, 0x41 / 255.0f, 0xac / 255.0f, 0.12f };
      GdkRGBA edge = { 0x91 / 255.0f, 0x41 / 255.0f, 0xac / 255.0f, 0.8f };
      graphene_rect_t r = GRAPHENE_RECT_INIT (MIN (self->drag_x0, self->drag_x), MIN (self->drag_y0, self->drag_y),
                                              fabs (self->drag_x - self->drag_x0), fabs (self->drag_y - self->drag_y0));
      GskRoundedRect rr;
      const GdkRGBA edges[4] = { edge, edge, edge, edge };
      const float widths[4] = { 1, 1, 1, 1 };

      gtk_snapshot_append_color (snapshot, &fill, &r);
      gsk_rounded_rect_init_from_rect (&rr, &r, 0);
      gtk_snapshot_append_border (snapshot, &rr, widths, edges);
    }
  else if (self->drag == DRAG_CONNECT && self->drag_moved)
    {
      double sx, sy;

      mdk_graph_editor_get_node_position (self, self->drag_node, &sx, &sy);
      sx += self->geom.radius;
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
      cairo_set_line_width (cr, 2.0);
      cairo_move_to (cr, sx, sy);
      cairo_curve_to (cr, (sx + self->drag_x) / 2, sy, (sx + self->drag_x) / 2, self->drag_y,
                      self->drag_x, self->drag_y);
      cairo_stroke (cr);
      cairo_arc (cr, self->drag_x, self->drag_y, 3.0, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_destroy (cr);
    }
  else if (self->drag == DRAG_NONE && self->hover_node >= 0 && (guint) self->hover_node < genome->n_nodes)
    {
      double x, y, r = MAX (3.0, self->geom.radius * 0.3);

      mdk_graph_editor_graph_to_widget (self, self->layout.nodes[self->hover_node].x,
                                        self->layout.nodes[self->hover_node].y, &x, &y);
      x += self->geom.radius;
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x - r - 2, y - r - 2, 2 * r + 4, 2 * r + 4));
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.85);
      cairo_fill (cr);
      cairo_destroy (cr);
    }
}

static void
mdk_graph_editor_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 320;
}

static void
mdk_graph_editor_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  MdkGraphEditor *self = MDK_GRAPH_EDITOR (widget);

  update_geometry (self);
  drop_drawing (self);
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
mdk_graph_editor_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (mdk_graph_editor_parent_class)->css_changed (widget, change);
  update_geometry (MDK_GRAPH_EDITOR (widget));
  invalidate (MDK_GRAPH_EDITOR (widget));
}

static void
mdk_graph_editor_dispose (GObject *object)
{
  drop_popover (MDK_GRAPH_EDITOR (object));

  G_OBJECT_CLASS (mdk_graph_editor_parent_class)->dispose (object);
}

static void
mdk_graph_editor_finalize (GObject *object)
{
  MdkGraphEditor *self = MDK_GRAPH_EDITOR (object);

  g_clear_pointer (&self->editor, mdk_neat_editor_free);
  g_clear_pointer (&self->own_tracker, mdk_neat_innovation_free);
  g_clear_pointer (&self->input_names, g_strfreev);
  g_clear_pointer (&self->output_names, g_strfreev);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->sel_nodes, g_hash_table_unref);
  g_clear_pointer (&self->sel_conns, g_hash_table_unref);
  g_clear_pointer (&self->sel_node_flags, g_free);
  g_clear_pointer (&self->sel_conn_flags, g_free);
  drop_drawing (self);
  g_clear_pointer (&self->moving, g_array_unref);
  mdk_network_layout_clear (&self->layout);

  G_OBJECT_CLASS (mdk_graph_editor_parent_class)->finalize (object);
}

static void
mdk_graph_editor_class_init (MdkGraphEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdk_graph_editor_dispose;
  object_class->finalize = mdk_graph_editor_finalize;
  widget_class->snapshot = mdk_graph_editor_snapshot;
  widget_class->measure = mdk_graph_editor_measure;
  widget_class->size_allocate = mdk_graph_editor_size_allocate;
  widget_class->css_changed = mdk_graph_editor_css_changed;

  /**
   * MdkGraphEditor::edited:
   * After every applied edit, undo or redo.
   */
  signals[SIGNAL_EDITED] =
    g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * MdkGraphEditor::message:
   * A refusal or a hint to show the user (translated).
   */
  signals[SIGNAL_MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * MdkGraphEditor::editing-started:
   * The first change the user made since the genome was set.
   */
  signals[SIGNAL_EDITING_STARTED] =
    g_signal_new ("editing-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, key_undo, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, key_redo, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, key_redo, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, key_redo, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, key_delete, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, key_delete, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_BackSpace, 0, key_delete, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, key_escape, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, key_fit, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_A, GDK_SHIFT_MASK, key_add, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_a, GDK_SHIFT_MASK, key_add, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, key_values, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, key_values, NULL);

  gtk_widget_class_set_css_name (widget_class, "graph-editor");
}

static void
mdk_graph_editor_init (MdkGraphEditor *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pan = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->positions = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->sel_nodes = g_hash_table_new (NULL, NULL);
  self->sel_conns = g_hash_table_new (NULL, NULL);
  self->moving = g_array_new (FALSE, FALSE, sizeof (MovingNode));
  self->zoom = 1.0;
  self->hover_node = self->hover_conn = -1;
  self->layout.n_columns = 2;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, motion);

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, scroll);

  {
    GtkGesture *pinch = gtk_gesture_zoom_new ();
    g_signal_connect (pinch, "begin", G_CALLBACK (on_pinch_begin), self);
    g_signal_connect (pinch, "scale-changed", G_CALLBACK (on_pinch), self);
    gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pinch));
  }

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (pan), GDK_BUTTON_MIDDLE);
  g_signal_connect (pan, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (pan, "drag-update", G_CALLBACK (on_pan_update), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pan));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
}
