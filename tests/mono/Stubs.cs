// Attribute stubs for the three libraries an Altinn app model names that Mono does not ship:
// Newtonsoft.Json, System.Text.Json and ASP.NET Core's model binding. They only have to
// exist for the model to compile; XmlSerializer, which the round trip exercises, ignores them.
// Everything else the model uses (System.Xml.Serialization, DataAnnotations) is the real thing.
using System;

namespace Newtonsoft.Json
{
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class JsonPropertyAttribute : Attribute
    {
        public JsonPropertyAttribute() { }
        public JsonPropertyAttribute(string name) { PropertyName = name; }
        public string PropertyName { get; set; }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class JsonIgnoreAttribute : Attribute { }
}

namespace System.Text.Json.Serialization
{
    public enum JsonIgnoreCondition { Never, Always, WhenWritingDefault, WhenWritingNull }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class JsonPropertyNameAttribute : Attribute
    {
        public JsonPropertyNameAttribute(string name) { Name = name; }
        public string Name { get; }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class JsonIgnoreAttribute : Attribute
    {
        public JsonIgnoreCondition Condition { get; set; }
    }
}

namespace Microsoft.AspNetCore.Mvc.ModelBinding
{
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
    public sealed class BindNeverAttribute : Attribute { }
}
