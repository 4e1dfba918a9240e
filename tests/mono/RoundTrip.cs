// Reads each XML file with XmlSerializer on the model's root class (the one class with
// [XmlRoot]) and writes it back beside it as <file>.out.xml, the way an Altinn app stores
// form data. Any exception is printed with its inner exceptions and the exit code is 1.
using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Xml;
using System.Xml.Serialization;

public static class RoundTrip
{
    public static int Main(string[] files)
    {
        Type root = Assembly.GetExecutingAssembly().GetTypes()
            .Single(t => t.GetCustomAttributes(typeof(XmlRootAttribute), false).Length > 0);
        XmlSerializer serializer;
        try
        {
            serializer = new XmlSerializer(root);
        }
        catch (Exception e)
        {
            Report("building the XmlSerializer for " + root.FullName, e);
            return 1;
        }
        int failed = 0;
        foreach (string file in files)
        {
            try
            {
                object data;
                using (var reader = XmlReader.Create(file))
                {
                    data = serializer.Deserialize(reader);
                }
                var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
                using (var writer = XmlWriter.Create(file + ".out.xml", settings))
                {
                    serializer.Serialize(writer, data);
                }
            }
            catch (Exception e)
            {
                Report(file, e);
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    static void Report(string what, Exception e)
    {
        Console.Error.Write("FAILED " + what + ":");
        for (; e != null; e = e.InnerException)
        {
            Console.Error.Write(" " + e.GetType().Name + ": " + e.Message);
        }
        Console.Error.WriteLine();
    }
}
