package names

// Finish is finish, for the tests of package names_test.
var Finish = finish
