// Linked with one stage of the generator, all of its objects: it links only if the stage needs nothing of the
// stages after it (generator/CMakeLists.txt).
int main() { return 0; }
