package sqlite

// An entity's mentions are stored in its row (entities.mentions, schemaV3)
// in the encoding of storekit.AppendMentions.
