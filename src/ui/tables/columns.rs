//! The tables' columns: which there are, how each is titled, sorted and
//! drawn.

/// A column of the actors table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorColumn {
    /// The actor's name.
    Name,
    /// Its sector.
    Sector,
    /// Its organisation.
    Organisation,
    /// Its role or job title.
    Role,
    /// Its stance toward the change.
    Stance,
    /// Its perceived influence, 1–5.
    Influence,
    /// How many ties touch it (read only).
    Ties,
    /// The measure chosen in "Size by" (read only; empty until one is).
    Measure,
}

impl ActorColumn {
    /// Every column, left to right.
    pub const ALL: [ActorColumn; 8] = [
        ActorColumn::Name,
        ActorColumn::Sector,
        ActorColumn::Organisation,
        ActorColumn::Role,
        ActorColumn::Stance,
        ActorColumn::Influence,
        ActorColumn::Ties,
        ActorColumn::Measure,
    ];

    /// The header text (the measure column's is the measure's name when
    /// one is shown).
    pub fn title(self) -> &'static str {
        match self {
            ActorColumn::Name => "Name",
            ActorColumn::Sector => "Sector",
            ActorColumn::Organisation => "Organisation",
            ActorColumn::Role => "Role",
            ActorColumn::Stance => "Stance",
            ActorColumn::Influence => "Influence",
            ActorColumn::Ties => "Ties",
            ActorColumn::Measure => "Measure",
        }
    }
}

impl Column for ActorColumn {
    const COLUMNS: &'static [Self] = &ActorColumn::ALL;

    fn is_measure(self) -> bool {
        self == ActorColumn::Measure
    }

    fn title(self) -> &'static str {
        ActorColumn::title(self)
    }

    fn size(self) -> (f32, f32) {
        match self {
            ActorColumn::Name => (100.0, 2.0),
            ActorColumn::Sector => (100.0, 1.4),
            ActorColumn::Organisation => (96.0, 2.0),
            ActorColumn::Role => (90.0, 1.6),
            ActorColumn::Stance => (98.0, 0.3),
            ActorColumn::Influence => (60.0, 0.0),
            ActorColumn::Ties => (40.0, 0.0),
            ActorColumn::Measure => (84.0, 0.3),
        }
    }

    fn kind(self) -> CellKind {
        match self {
            ActorColumn::Name | ActorColumn::Organisation | ActorColumn::Role => CellKind::Text,
            ActorColumn::Sector | ActorColumn::Stance | ActorColumn::Influence => CellKind::Choice,
            ActorColumn::Ties | ActorColumn::Measure => CellKind::Label,
        }
    }
}

/// A column of the ties table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TieColumn {
    /// The name of the actor the tie starts from.
    From,
    /// The name of the actor it goes to.
    To,
    /// Its kind.
    Kind,
    /// Its strength.
    Strength,
    /// Whether it is directed (an arrow) or mutual.
    Directed,
}

impl TieColumn {
    /// Every column, left to right.
    pub const ALL: [TieColumn; 5] = [
        TieColumn::From,
        TieColumn::To,
        TieColumn::Kind,
        TieColumn::Strength,
        TieColumn::Directed,
    ];

    /// The header text.
    pub fn title(self) -> &'static str {
        match self {
            TieColumn::From => "From",
            TieColumn::To => "To",
            TieColumn::Kind => "Kind",
            TieColumn::Strength => "Strength",
            TieColumn::Directed => "Directed",
        }
    }
}

impl Column for TieColumn {
    const COLUMNS: &'static [Self] = &TieColumn::ALL;

    fn title(self) -> &'static str {
        TieColumn::title(self)
    }

    fn size(self) -> (f32, f32) {
        match self {
            TieColumn::From => (140.0, 2.0),
            TieColumn::To => (140.0, 2.0),
            TieColumn::Kind => (120.0, 1.0),
            TieColumn::Strength => (64.0, 0.0),
            TieColumn::Directed => (64.0, 0.0),
        }
    }

    fn kind(self) -> CellKind {
        match self {
            TieColumn::From | TieColumn::To => CellKind::Label,
            TieColumn::Kind => CellKind::Choice,
            TieColumn::Strength => CellKind::Number,
            TieColumn::Directed => CellKind::Tick,
        }
    }
}

/// How a column's cells are drawn, which decides how much room a cell
/// needs around its text when the column is fitted to its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CellKind {
    /// A text box.
    Text,
    /// A drop-down list.
    Choice,
    /// Read-only text.
    Label,
    /// A number dragged sideways or typed.
    Number,
    /// A tick box.
    Tick,
}

/// What the tables need of a column, whichever the table.
pub(super) trait Column: Copy + PartialEq + 'static {
    /// Every column, left to right.
    const COLUMNS: &'static [Self];
    /// The header text.
    fn title(self) -> &'static str;
    /// Narrowest automatic width, and share of any width to spare.
    fn size(self) -> (f32, f32);
    /// How its cells are drawn.
    fn kind(self) -> CellKind;
    /// Whether it shows the measure chosen in "Size by".
    fn is_measure(self) -> bool {
        false
    }
}
